// Readings on the OpenAI routes: one per token when the chunk has logprobs (zipped), merged into a delta that holds
// several tokens, the summary from the last chunk.
import { describe, expect, it } from 'vitest';
import { openAiSae } from './openai-sae.ts';

const reading = (index: number, score: number, drift = false) => ({
  index,
  attempt: 1,
  behaviors: { json: { score, drift } },
});

describe('openAiSae', () => {
  it('zips one reading per token', () => {
    const r = openAiSae({ tokens: [reading(0, 0.1), reading(1, 0.2)] }, [{ text: 'a' }, { text: 'b' }]);
    expect(r.tokens.map((t) => t.sae?.index)).toEqual([0, 1]);
    expect(r.sae).toBeUndefined();
  });

  it('merges several readings into a delta without logprobs: the highest score, drift if any', () => {
    const r = openAiSae({ tokens: [reading(1, 0.7), reading(2, 0.2, true)] }, [{ text: 'n ' }]);
    expect(r.tokens).toEqual([
      { text: 'n ', sae: { index: 1, attempt: 1, behaviors: { json: { score: 0.7, drift: true } } } },
    ]);
  });

  it('reads the contract’s per-chunk shape (token_index and the behaviors’ readings)', () => {
    const r = openAiSae({ token_index: 4, behaviors: { toxicity: { score: 0.4, drift: false } } }, [{ text: ' I' }]);
    expect(r.tokens).toEqual([
      { text: ' I', sae: { index: 4, attempt: 1, behaviors: { toxicity: { score: 0.4, drift: false } } } },
    ]);
    expect(r.sae).toBeUndefined();
  });

  it('reads the summary; ignores what is not its shape', () => {
    const summary = [{ name: 'json', mode: 'monitor', threshold: 0.01, drift_detected: true, corrected: false }];
    expect(openAiSae({ behaviors: summary, corrected: false }, []).sae).toEqual([
      { kind: 'summary', behaviors: summary, corrected: false },
    ]);
    expect(openAiSae({ steering: null }, [{ text: 'x' }])).toEqual({ tokens: [{ text: 'x' }] });
    expect(openAiSae({ tokens: 'bad' }, [{ text: 'x' }])).toEqual({ tokens: [{ text: 'x' }] });
    expect(openAiSae(undefined, [{ text: 'x' }])).toEqual({ tokens: [{ text: 'x' }] });
  });
});
