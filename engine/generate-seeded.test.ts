// Seeded sampling on the committed weights gives the texts the engine gave before its step pipeline was split
// into stages (recorded from that version): same seed + same request → same text, for every filter and penalty.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateText } from './generate.ts';
import { GPT } from './model.ts';
import { DEFAULT_MODEL, REPO_ROOT } from './node/load-model.ts';
import type { SamplingParams } from './sampler.ts';
import { loadWeights } from './weights.ts';

const model = new GPT(loadWeights(readFileSync(join(REPO_ROOT, 'models', DEFAULT_MODEL, 'model.safetensors'))));
const prompt = 'It is a truth universally acknowledged';

const CASES: [string, SamplingParams, string][] = [
  [
    'temperature 0.8, top-p 0.95',
    { temperature: 0.8, topP: 0.95 },
    ' by Mansfield."\n"So a glance! What I had been the sitting one of the power for t',
  ],
  [
    'temperature 1.3, top-k 20',
    { temperature: 1.3, topK: 20 },
    ', are after your point feelings encaution, but made you to your brother?"--\n"Poo',
  ],
  ['min-p 0.1', { minP: 0.1 }, ' by a baronet."\n"Thank you shall be unfeared," said she, assured her throwing, "'],
  [
    'typical-p 0.6 at temperature 1.1',
    { typicalP: 0.6, temperature: 1.1 },
    ' a very thing."\n"That is not for her, if it is of the ornament. And it would hav',
  ],
  [
    'penalties',
    { repetitionPenalty: 1.3, presencePenalty: 0.4, frequencyPenalty: 0.2, temperature: 0.9 },
    // the repetition penalty works in log space since the hardening issue (pinned again then)
    ', and I will."\nMrs. Bennet upon her sister, however, as soon, qualified;--but hi',
  ],
  [
    'every filter and a bias',
    { temperature: 0.7, topK: 40, topP: 0.9, minP: 0.05, typicalP: 0.95, logitBias: new Map([[70, -3]]) },
    ' by a country."\n"Oh! But I will not take of this convictions, my did not wish to',
  ],
];

describe(`seeded sampling on ${DEFAULT_MODEL} is unchanged`, () => {
  for (const [name, sampling, text] of CASES) {
    it(name, async () => {
      const r = await generateText(model, model.newSession(), { prompt, maxTokens: 80, seed: 42, sampling });
      expect(r.text).toBe(text);
    });
  }

  it('with a stop sequence', async () => {
    const r = await generateText(model, model.newSession(), {
      prompt,
      maxTokens: 200,
      seed: 7,
      stop: ['the '],
      sampling: { temperature: 1 },
    });
    expect(r.text).toBe(' of kindness for her superior for her age.\nOn ');
    expect(r.finishReason).toBe('stop');
    expect(r.completionTokens).toBe(50);
  });
});
