// Decoding /sae/generate: each frame kind becomes tokens with readings or SAE events; a frame of the wrong shape is a
// problem in words; the whole JSON answer has the text and the summary.
import { describe, expect, it } from 'vitest';
import { saeRoute } from './sae.ts';

const started = {
  status: 'started',
  request_id: 'r',
  model: 'austen-mini',
  hook: 'blocks.3.hook_resid_pre',
  sae_release: 'austen-mini-sae',
  max_new_tokens: 20,
  behaviors: [
    { name: 'dialogue', behavior_id: 'b', mode: 'monitor', threshold: 0.995, steering_vector_id: null, hook: 'h' },
  ],
};
const token = {
  status: 'token',
  attempt: 1,
  index: 3,
  token: 'e',
  text: 'e',
  behaviors: { dialogue: { score: 0.66, drift: false } },
  features: [{ sae: 'blocks.3.hook_resid_pre', index: 984, value: 3.3, label: 'in the word "the"' }],
};
const correction = {
  status: 'correction',
  attempt: 1,
  index: 14,
  behavior: 'dialogue',
  score: 0.998,
  threshold: 0.995,
  action: 'regenerate',
  steering_vector_id: null,
  strength: -1,
  message: 'drift',
};
const result = {
  text: 'abc',
  attempts: 2,
  corrected: true,
  finish_reason: 'length',
  behaviors: [{ name: 'dialogue', mode: 'monitor', threshold: 0.995, max_score: 0.998, corrected: true }],
};

describe('the /sae/generate route', () => {
  it('started → the behaviors with their thresholds (the contract’s example has no top-level hook)', () => {
    const { hook: _h, ...noHook } = started;
    expect(saeRoute.decodeFrame(JSON.stringify(noHook)).sae?.[0]).toMatchObject({ kind: 'started', hook: undefined });
    expect(saeRoute.decodeFrame(JSON.stringify(started)).sae).toEqual([
      {
        kind: 'started',
        hook: 'blocks.3.hook_resid_pre',
        behaviors: [{ name: 'dialogue', mode: 'monitor', threshold: 0.995, steeringVectorId: null }],
      },
    ]);
  });

  it('token → its delta with the reading and features', () => {
    expect(saeRoute.decodeFrame(JSON.stringify(token)).tokens).toEqual([
      {
        text: 'e',
        sae: {
          index: 3,
          attempt: 1,
          behaviors: { dialogue: { score: 0.66, drift: false } },
          features: [{ index: 984, value: 3.3, label: 'in the word "the"' }],
        },
      },
    ]);
  });

  it('correction → an event; complete → the end, its finish and the summary', () => {
    expect(saeRoute.decodeFrame(JSON.stringify(correction))).toEqual({
      tokens: [],
      sae: [{ kind: 'correction', correction }],
    });
    const end = saeRoute.decodeFrame(JSON.stringify({ status: 'complete', result }));
    expect(end).toMatchObject({ end: true, finish: 'length', tokens: [] });
    expect(end.sae).toEqual([
      { kind: 'summary', behaviors: result.behaviors, corrected: true, attempts: 2, text: 'abc' },
    ]);
  });

  it('error frames end the run with the server’s message; a bad frame is a problem, not a crash', () => {
    const e = saeRoute.decodeFrame(JSON.stringify({ status: 'error', message: 'boom', code: 'x', http_status: 404 }));
    expect(e.end).toBe(true);
    expect(e.error?.message).toBe('boom');
    expect(saeRoute.decodeFrame('{"status":"token","text":"x"}').problem).toMatch(/unexpected shape/);
    expect(saeRoute.decodeFrame('nope').problem).toMatch(/not JSON/);
  });

  it('a whole answer: the text and the summary', () => {
    const d = saeRoute.decodeJson(JSON.stringify(result));
    expect(d.tokens).toEqual([{ text: 'abc' }]);
    expect(d.sae?.[0]).toMatchObject({ kind: 'summary', corrected: true, attempts: 2 });
  });
});
