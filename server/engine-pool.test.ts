import { afterAll, describe, expect, it } from 'vitest';
import { modelPath } from '../engine/node/load-model.ts';
import { EnginePool, type JobEvent, JobRefusedError, QueueFullError } from './engine-pool.ts';
import type { GenerationJob } from './worker/job.ts';

const pool = new EnginePool({ modelPath: process.env.AXPLAY_MODEL ?? modelPath(), size: 1, maxQueue: 1 });
afterAll(() => pool.close());

const job = (maxTokens: number, over: Partial<GenerationJob> = {}): GenerationJob => ({
  prompts: ['It is'],
  n: 1,
  maxTokens,
  sampling: { method: 'sample', temperature: 0.8, logitBias: [[96, -100]] },
  seed: 1,
  stop: [],
  ...over,
});

describe('engine pool and the worker event union', () => {
  it('runs jobs off the main thread: accepted, token batches in order, each choice, then done', async () => {
    await pool.ready();
    const events: JobEvent[] = [];
    const r = await pool.run(job(300, { prompts: ['It is', 'She said'], n: 2 }), { onEvent: (e) => events.push(e) });
    expect(events[0]?.type).toBe('accepted');
    const tokens = events.flatMap((e) => (e.type === 'tokens' ? e.tokens : []));
    const choices = events.flatMap((e) => (e.type === 'choice' ? [e.result] : []));
    expect(choices.map((c) => [c.choice, c.prompt])).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
      [3, 1],
    ]);
    for (const c of r.choices) {
      const mine = tokens.filter((t) => t.choice === c.choice);
      expect(mine.map((t) => t.text).join('')).toBe(c.text);
      expect(mine.map((t) => t.index)).toEqual(mine.map((_, i) => i));
      expect(c.completionTokens).toBe(300);
    }
    // a batch never mixes choices, and batching sends far fewer messages than tokens
    const batches = events.filter((e) => e.type === 'tokens');
    for (const b of batches) expect(new Set(b.tokens.map((t) => t.choice)).size).toBe(1);
    expect(batches.length).toBeLessThan(tokens.length / 4);
    // seeds: choice i of a prompt uses seed + i, so the two choices differ and a rerun repeats them
    expect(r.choices[0]?.text).not.toBe(r.choices[1]?.text);
    const again = await pool.run(job(300, { prompts: ['It is'], n: 2 }));
    expect(again.choices.map((c) => c.text)).toEqual([r.choices[0]?.text, r.choices[1]?.text]);
    expect(r.promptTokens).toBe('It is'.length + 'She said'.length);
  });

  it('refuses a job whose content the engine cannot honour, naming the field, before generating', async () => {
    const events: JobEvent[] = [];
    const bad = pool.run(
      job(50, { steering: [{ hook: 'blocks.9.hook_resid_pre', vector: [0, 0, 0, 0], strength: 1 }] }),
      {
        onEvent: (e) => events.push(e),
      },
    );
    await expect(bad).rejects.toThrow(JobRefusedError);
    await expect(bad).rejects.toMatchObject({ param: 'hooks.steering[0].hook' });
    expect(events).toEqual([]);
    const short = pool.run(
      job(50, { steering: [{ hook: 'blocks.1.hook_resid_pre', vector: [0, 0, 0, 0], strength: 1 }] }),
    );
    await expect(short).rejects.toMatchObject({ param: 'hooks.steering[0].vector' });
    const spec = { source: 'x', field: 'regex_pattern', budgetField: 'max_new_tokens' };
    await expect(pool.run(job(5, { constraint: { kind: 'telepathy', ...spec } }))).rejects.toMatchObject({
      param: 'constraint.kind',
    });
    // a constraint is compiled in the worker: its errors and a budget below its minimum are refusals too
    await expect(pool.run(job(5, { constraint: { kind: 'regex', ...spec, source: 'a(?=b)' } }))).rejects.toMatchObject({
      param: 'regex_pattern',
      message: expect.stringMatching(/lookarounds/),
    });
    await expect(
      pool.run(job(5, { constraint: { kind: 'regex', ...spec, source: '[0-9]{8}' } })),
    ).rejects.toMatchObject({
      param: 'max_new_tokens',
      message: expect.stringMatching(/needs at least 8 characters, but max_new_tokens is 5/),
    });
  });

  it('a constrained job reports the independent check of each output', async () => {
    const spec = {
      kind: 'regex',
      source: '[A-Z][a-z]+ [0-9]{4}',
      field: 'regex_pattern',
      budgetField: 'max_new_tokens',
    };
    const r = await pool.run(job(20, { constraint: spec, seed: 3 }));
    const ch = r.choices[0];
    expect(ch?.text).toMatch(/^[A-Z][a-z]+ [0-9]{4}$/);
    expect(ch?.constraint).toEqual({ kind: 'regex', minChars: 7, valid: true });
  });

  it('queues up to maxQueue, then refuses at once', async () => {
    const a = pool.run(job(400));
    const b = pool.run(job(5));
    expect(() => pool.run(job(5))).toThrow(QueueFullError);
    await Promise.all([a, b]);
  });

  it('an aborted queued job never runs; an aborted running job stops', async () => {
    const ac1 = new AbortController();
    const ac2 = new AbortController();
    const running = pool.run(job(4000), { signal: ac1.signal });
    const queued = pool.run(job(4000), { signal: ac2.signal });
    ac2.abort();
    await expect(queued).rejects.toThrow(/queued/);
    ac1.abort();
    const r = await running;
    expect(r.aborted).toBe(true);
    expect(r.choices[0]?.finishReason).toBe('abort');
    expect(r.completionTokens).toBeLessThan(4000);
  });

  it('replaces a worker that dies and keeps serving', async () => {
    const slots = (pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots;
    const dying = pool.run(job(4000));
    await new Promise((r) => setTimeout(r, 50));
    await slots[0]?.worker.terminate();
    await expect(dying).rejects.toThrow(/worker failed/);
    const r = await pool.run(job(5));
    expect(r.completionTokens).toBe(5);
  });
});
