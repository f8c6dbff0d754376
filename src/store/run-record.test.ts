// A run filed in history comes back whole: its tokens with logprobs and SAE readings, its SAE record; readings that do
// not fit their schema are dropped, never a crash.
import { describe, expect, it } from 'vitest';
import { readRun } from './history.ts';
import { historyTokens, readRunSae, runFromHistory, saeColumns } from './run-record.ts';
import type { RunToken } from './runs-slice.ts';

const reading = {
  index: 0,
  attempt: 1,
  behaviors: { dialogue: { score: 0.7, drift: false } },
  features: [{ index: 5, value: 2, label: 'x' }],
};
const sae = {
  hook: 'blocks.3.hook_resid_pre',
  behaviors: [{ name: 'dialogue', mode: 'monitor' as const, threshold: 0.995, steeringVectorId: null }],
  corrections: [],
  summary: [{ name: 'dialogue', mode: 'monitor' as const, max_score: 0.7 }],
  corrected: false,
  attempts: 1,
};

const stored = (tokens: unknown[], s: unknown = sae) => ({
  v: 3,
  id: 'r1',
  createdAt: '2026-11-30T07:00:00Z',
  draft: { mode: 'generate' },
  request: {
    method: 'POST',
    url: 'http://x/sae/generate',
    headers: {},
    meta: { target: 'local', baseUrl: 'http://x', path: '/sae/generate' },
  },
  output: 'ab',
  status: 'done',
  stats: { firstTokenMs: 30, totalMs: 90 },
  tokens,
  sae: s,
});

describe('run ↔ history', () => {
  it('files readings in columns beside the tokens and brings them back', () => {
    const forced = { index: 1, attempt: 2, behaviors: { dialogue: { score: 0.2, drift: true, forced: true } } };
    const tokens: RunToken[] = [
      { n: 0, text: 'a', logprob: -1, sae: reading },
      { n: 1, text: 'b', top: [{ token: 'b', logprob: -0.1 }] },
      { n: 2, text: 'c', sae: forced },
    ];
    const filed = historyTokens(tokens);
    expect(filed[0]).toEqual({ text: 'a', logprob: -1, top: undefined });
    const columns = saeColumns(tokens);
    expect(columns).toMatchObject({
      names: ['dialogue'],
      index: [0, -1, 1],
      scores: [0.7, null, 0.2],
      flags: [0, 0, 3],
    });
    const back = runFromHistory(readRun({ ...stored(filed), saeTokens: columns }), 'generate');
    expect(back.tokens[2]).toEqual({ n: 2, text: 'c', logprob: undefined, top: undefined, sae: forced });
    expect(back.tokens.slice(0, 2)).toEqual([
      { n: 0, text: 'a', logprob: -1, top: undefined, sae: reading },
      { n: 1, text: 'b', logprob: undefined, top: [{ token: 'b', logprob: -0.1 }] },
    ]);
    // a run filed before the columns kept its readings as side data: still read
    const old = runFromHistory(readRun(stored([{ text: 'a', side: { sae: reading } }])), 'generate');
    expect(old.tokens[0]?.sae).toEqual(reading);
    const back2 = runFromHistory(readRun({ ...stored(filed), saeTokens: columns }), 'generate');
    expect(back2).toMatchObject({ id: 'r1', status: 'done', mode: 'generate', firstTokenAt: 30, endedAt: 90, sae });
  });

  it('drops a reading or a record that does not fit, keeping the rest', () => {
    const back = runFromHistory(
      readRun(stored([{ text: 'a', side: { sae: { index: 'x' } } }], { behaviors: 'no' })),
      'generate',
    );
    expect(back.tokens).toEqual([{ n: 0, text: 'a', logprob: undefined, top: undefined }]);
    expect(back.sae).toBeUndefined();
    expect(readRunSae(undefined)).toBeUndefined();
    expect(readRunSae(sae)).toEqual(sae);
    // columns that do not match the tokens are dropped whole
    const bad = runFromHistory(
      readRun({
        ...stored([{ text: 'a' }]),
        saeTokens: { ...saeColumns([{ n: 0, text: 'a', sae: reading }]), index: [0, 1] },
      }),
      'generate',
    );
    expect(bad.tokens[0]?.sae).toBeUndefined();
  });
});
