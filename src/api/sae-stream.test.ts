// The page's reading of a real /sae/generate stream: the frames decoded by the route, folded into the run's record,
// and the kept tokens joined must equal the server's result.text — also when two behaviors correct in turn and a
// later cut lands before an earlier one (a crafted behavior that drifts after 30 tokens in every attempt, beside the
// built-in dialogue).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse, startTestServer } from '../../server/testing.ts';
import { saeDirWith } from '../../server/testing-sae.ts';
import { saeRoute } from './routes/sae.ts';
import type { TokenInfo } from './run-events.ts';
import { applySaeEvent, keptTokens, type RunSae } from './sae-readings.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
let saeDir: string;
beforeAll(async () => {
  saeDir = saeDirWith({ steadyRun: 30, builtIns: true });
  s = await startTestServer({ saeDir });
});
afterAll(async () => {
  await s?.close();
  rmSync(saeDir, { recursive: true, force: true });
});

async function replay(seed: number) {
  const res = await fetch(`${s.url}/sae/generate`, {
    method: 'POST',
    headers: { 'x-api-key': s.key, 'content-type': 'application/json' },
    body: JSON.stringify({
      prompt: 'Anne looked up from her letter, and said, ',
      max_new_tokens: 60,
      seed,
      behavior_names: ['dialogue', 'steady'],
    }),
  });
  expect(res.status).toBe(200);
  let sae: RunSae | undefined;
  const tokens: TokenInfo[] = [];
  for (const f of await readSse(res)) {
    const d = saeRoute.decodeFrame(f.data);
    expect(d.problem).toBeUndefined();
    tokens.push(...d.tokens);
    for (const e of d.sae ?? []) sae = applySaeEvent(sae, e);
  }
  return {
    sae,
    shown: keptTokens(tokens, { replay: true, corrections: sae?.corrections })
      .map((t) => t.text)
      .join(''),
  };
}

describe('a real /sae/generate stream, as the page reads it', () => {
  it('shows exactly the server’s final text, whichever attempt each cut takes back', async () => {
    // seed 2: dialogue cuts attempt 1 at 14, then steady (high since the start) cuts attempt 2 at 0
    const { sae, shown } = await replay(2);
    const cuts = (sae?.corrections ?? []).map((c) => `${c.attempt}@${c.index}:${c.action}`);
    expect(cuts.slice(0, 2)).toEqual(['1@14:regenerate', '2@0:regenerate']);
    expect(sae?.finalText).toBeDefined();
    expect(shown).toBe(sae?.finalText);
    // seed 7: two dialogue cuts, then give-ups: nothing more taken back
    const other = await replay(7);
    expect(other.sae?.corrections.some((c) => c.action === 'give_up')).toBe(true);
    expect(other.shown).toBe(other.sae?.finalText);
  });
});
