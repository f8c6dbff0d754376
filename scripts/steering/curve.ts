// Samples for a set of steering conditions (layers × strength) over prompts × seeds, on the worker pool.
import { SAMPLE_CHARS } from '../../engine/steering/builtin/dose.ts';
import type { Measure } from '../../engine/steering/builtin/measures.ts';
import { mean } from '../../engine/steering/builtin/stats.ts';
import type { VectorLayer } from '../../engine/steering/vector.ts';
import type { Pool } from './pool.ts';
import type { Task, TaskResult } from './worker.ts';

export interface Condition {
  readonly layers: readonly VectorLayer[];
  readonly strength: number;
}

/** Per condition, the samples in (prompt, seed) order: prompt k's samples are k·seeds.length … */
export async function sampleConditions(
  pool: Pool,
  prompts: readonly string[],
  seeds: readonly number[],
  conds: readonly Condition[],
  onProgress?: (done: number, total: number) => void,
): Promise<string[][]> {
  const tasks: Task[] = [];
  for (const c of conds)
    for (const prompt of prompts)
      for (const seed of seeds)
        tasks.push({ kind: 'sample', layers: [...c.layers], strength: c.strength, prompt, seed, chars: SAMPLE_CHARS });
  const rs = await pool.run<Extract<TaskResult, { kind: 'sample' }>>(tasks, 4, (d) => onProgress?.(d, tasks.length));
  const per = prompts.length * seeds.length;
  return conds.map((_, k) => rs.slice(k * per, (k + 1) * per).map((r) => r.text));
}

/** The measure of each sample (prompt k's samples follow one another). */
export function measureAll(
  measure: Measure,
  prompts: readonly string[],
  seeds: number,
  texts: readonly string[],
): number[] {
  return texts.map((t, i) => measure(prompts[Math.floor(i / seeds)] as string, t));
}

export const meanMeasure = (measure: Measure, prompts: readonly string[], seeds: number, texts: readonly string[]) =>
  mean(measureAll(measure, prompts, seeds, texts));
