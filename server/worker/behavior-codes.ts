// The SAE codes a behavior's probe is trained on (POST /behaviors/create). For each contrast pair, prompt + answer
// runs up to the SAE's hook, and the residual at each of the answer's characters — at its own position, having read
// it, which is what the SAE monitor scores while generating (engine/sae/monitor.ts) — is encoded to its top-k
// latents. (CAA reads the positions that *predict* the answer instead: engine/steering/from-examples.ts.) An empty
// prompt reads from a newline, as answerSpan does.
import type { GPT, Session } from '../../engine/model.ts';
import { windowResiduals } from '../../engine/sae/residuals.ts';
import { encode, type Sae } from '../../engine/sae/sae.ts';
import { answerSpan } from '../../engine/steering/from-examples.ts';
import type { BehaviorFitTask } from './job.ts';

/** One answer's codes: row r is the answer's r-th character, k latents a row (value 0: an inactive slot). */
export interface AnswerCodes {
  readonly pair: number;
  readonly positive: boolean;
  readonly rows: number;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export interface BehaviorCodes {
  /** The SAE's hook, dictionary size and active latents per row. */
  readonly hook: string;
  readonly n: number;
  readonly k: number;
  /** Pair by pair, the positive answer then the negative. */
  readonly answers: readonly AnswerCodes[];
}

/** The codes of `answer`'s characters after `prompt`: row r is the answer's r-th character. */
export function answerCodes(
  model: GPT,
  session: Session,
  sae: Sae,
  prompt: string,
  answer: string,
): Omit<AnswerCodes, 'pair' | 'positive'> {
  const { ids, from, to } = answerSpan(prompt, answer);
  if (to <= from) throw new Error('an answer needs at least one character');
  if (ids.length > model.cfg.ctx) throw new Error(`prompt + answer has ${ids.length} characters > ${model.cfg.ctx}`);
  session.reset();
  const resid = windowResiduals(model, session, ids, sae.hook);
  const C = model.cfg.dModel;
  const rows = to - from; // the answer's characters sit at positions from + 1 … to
  const codes = encode(sae, resid.subarray((from + 1) * C, (to + 1) * C), rows);
  return { rows, indices: codes.indices, values: codes.values };
}

/**
 * Every answer's codes, pair by pair (positive, then negative), reporting `done` of `total` answers now and then and
 * yielding to the event loop so an abort gets in (then it throws).
 */
export async function behaviorCodes(
  model: GPT,
  session: Session,
  sae: Sae,
  task: Pick<BehaviorFitTask, 'pairs'>,
  progress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<BehaviorCodes> {
  if (model.cfg.dModel !== sae.d) throw new Error(`SAE width ${sae.d} does not match the model's ${model.cfg.dModel}`);
  const total = task.pairs.length * 2;
  const answers: AnswerCodes[] = [];
  let last = performance.now();
  try {
    for (const [pair, p] of task.pairs.entries()) {
      answers.push({ pair, positive: true, ...answerCodes(model, session, sae, p.prompt, p.positive) });
      answers.push({ pair, positive: false, ...answerCodes(model, session, sae, p.prompt, p.negative) });
      if (performance.now() - last > 50 || pair === task.pairs.length - 1) {
        progress(answers.length, total);
        await new Promise<void>((r) => setTimeout(r, 0));
        last = performance.now();
        if (signal.aborted) throw new Error('aborted');
      }
    }
  } finally {
    session.reset();
  }
  return { hook: sae.hook, n: sae.n, k: sae.k, answers };
}
