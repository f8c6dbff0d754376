// The SAE wire shapes take what their clients send and what the contract's examples show: the seed page's curl,
// mechanex's exact bodies (nulls included), and §3.5's frames with a calibrated score.
import { describe, expect, it } from 'vitest';
import {
  behaviorCreateRequestSchema,
  behaviorListSchema,
  saeGenerateFrameSchema,
  saeGenerateRequestSchema,
} from './sae.ts';

describe('POST /sae/generate request', () => {
  it('takes the seed page’s curl body and mechanex’s body with its nulls', () => {
    expect(
      saeGenerateRequestSchema.safeParse({
        model: 'your-model-name',
        prompt: 'Explain how this policy handles refunds.',
        max_new_tokens: 120,
        behavior_names: ['Honesty'],
      }).success,
    ).toBe(true);
    expect(
      saeGenerateRequestSchema.safeParse({
        prompt: 'p',
        max_new_tokens: 50,
        behavior_names: null,
        force_steering: null,
      }).success,
    ).toBe(true);
  });

  it('refuses what it cannot honour, naming the field', () => {
    const r = saeGenerateRequestSchema.safeParse({ prompt: 'p', top_k_features: 500 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['top_k_features']);
    expect(saeGenerateRequestSchema.safeParse({ prompt: 'p', behavior_names: 'Honesty' }).success).toBe(false);
  });
});

describe('frames', () => {
  const token = {
    status: 'token',
    attempt: 1,
    index: 0,
    token: 'I',
    text: 'I',
    behaviors: { dialogue: { score: 0.41, drift: false } },
    features: [{ sae: 'blocks.3.hook_resid_post', index: 12, value: 8.1, label: 'inside double quotes' }],
  };
  it('reads started, token, correction and complete frames', () => {
    for (const f of [
      {
        status: 'started',
        request_id: 'req_1',
        model: 'austen-mini',
        hook: 'blocks.3.hook_resid_post',
        sae_release: 'austen-mini-sae',
        max_new_tokens: 64,
        behaviors: [
          {
            name: 'dialogue',
            behavior_id: 'b1',
            mode: 'monitor',
            threshold: 0.8,
            steering_vector_id: null,
            hook: 'blocks.3.hook_resid_post',
          },
        ],
      },
      token,
      {
        status: 'correction',
        attempt: 1,
        index: 12,
        behavior: 'dialogue',
        score: 0.93,
        threshold: 0.8,
        action: 'regenerate',
        steering_vector_id: 'sv_1',
        strength: -1,
        message: "Drift detected for 'dialogue' from token 12; regenerating from there with its vector at −1",
      },
      {
        status: 'complete',
        result: {
          text: 'She said',
          attempts: 2,
          corrected: true,
          behaviors: [
            { name: 'dialogue', mode: 'monitor', drift_detected: true, corrected: true, correction_index: 12 },
          ],
        },
      },
      { status: 'error', message: 'overloaded', code: 'overloaded', http_status: 503 },
    ])
      expect(saeGenerateFrameSchema.safeParse(f).success, JSON.stringify(f)).toBe(true);
  });

  it('a score is a probability: outside [0, 1] is not a frame', () => {
    const bad = { ...token, behaviors: { dialogue: { score: 1.7, drift: true } } };
    expect(saeGenerateFrameSchema.safeParse(bad).success).toBe(false);
  });
});

describe('behaviors', () => {
  it('takes mx.sae.create_behavior’s body and lists in the contract’s shape', () => {
    expect(
      behaviorCreateRequestSchema.safeParse({
        behavior_name: 'excited',
        prompts: ['a'],
        positive_answers: ['Oh!'],
        negative_answers: ['Yes.'],
        description: null,
        steering_vector_id: null,
      }).success,
    ).toBe(true);
    expect(behaviorListSchema.safeParse({ behaviors: [] }).success).toBe(true);
    expect(behaviorListSchema.safeParse([]).success).toBe(false);
  });
});
