import { describe, expect, it } from 'vitest';
import { chatCompletionChunkSchema, chatCompletionRequestSchema } from './chat.ts';
import { completionRequestSchema } from './completions.ts';
import { anyErrorBodySchema, errorBodySchema } from './errors.ts';
import { generateFrameSchema, runRequestSchema } from './generate.ts';
import { FIELD_RANGES, type NumericRange, type RangedField, rangeProblem } from './limits.ts';
import { hostedModelListSchema } from './models.ts';
import { ranged } from './sampling.ts';

const chat = (extra: Record<string, unknown>) =>
  chatCompletionRequestSchema.safeParse({ messages: [{ role: 'user', content: 'x' }], ...extra });

describe('numeric ranges: one source for the schemas and the form', () => {
  for (const field of Object.keys(FIELD_RANGES) as RangedField[]) {
    it(`${field}: the schema and rangeProblem agree at the edges`, () => {
      const r: NumericRange = FIELD_RANGES[field];
      const s = ranged(field);
      const below = r.exclusiveMin ? r.min : r.min - (r.integer ? 1 : 0.001);
      const inside = r.exclusiveMin ? r.min + r.step : r.min;
      expect(s.safeParse(inside).success).toBe(true);
      expect(rangeProblem(field, inside)).toBeUndefined();
      expect(s.safeParse(below).success).toBe(false);
      expect(rangeProblem(field, below)).toMatch(/must be (at least|more than)/);
      if (r.max !== undefined) {
        expect(s.safeParse(r.max).success).toBe(true);
        const above = r.max + (r.integer ? 1 : 0.001);
        expect(s.safeParse(above).success).toBe(false);
        expect(rangeProblem(field, above)).toMatch(/must be at most/);
      }
      if (r.integer) {
        expect(s.safeParse(inside + 0.5).success).toBe(false);
        expect(rangeProblem(field, inside + 0.5)).toBe('must be a whole number');
      }
    });
  }
});

describe('request schemas', () => {
  it('accept a minimal chat and the OpenAI fields at their limits', () => {
    expect(chat({}).success).toBe(true);
    expect(chat({ temperature: 2, top_p: 1, max_tokens: 4096, stop: ['a', 'b', 'c', 'd'], seed: 0 }).success).toBe(
      true,
    );
  });

  it('name the field that is out of range or of the wrong type', () => {
    const bad = (extra: Record<string, unknown>) => chat(extra).error?.issues[0]?.path.join('.');
    expect(bad({ temperature: 3 })).toBe('temperature');
    expect(bad({ top_p: 0 })).toBe('top_p');
    expect(bad({ max_tokens: 4097 })).toBe('max_tokens');
    expect(bad({ stop: ['a', 'b', 'c', 'd', 'e'] })).toBe('stop');
    expect(bad({ top_logprobs: 21 })).toBe('top_logprobs');
    expect(bad({ messages: [] })).toBe('messages');
    expect(bad({ messages: [{ role: 'tool', content: 'x' }] })).toBe('messages.0.role');
    expect(bad({ logit_bias: { a: 1 } })).toBe('logit_bias.a');
  });

  it('completions take a prompt or a list of at most 8, and legacy logprobs up to 5', () => {
    expect(completionRequestSchema.safeParse({ prompt: ['a', 'b'] }).success).toBe(true);
    expect(completionRequestSchema.safeParse({ prompt: Array(9).fill('a') }).success).toBe(false);
    expect(completionRequestSchema.safeParse({ prompt: 'a', logprobs: 6 }).success).toBe(false);
    expect(runRequestSchema.safeParse({ prompt: 'a', sampling_method: 'beam' }).success).toBe(false);
  });
});

describe('response and frame schemas', () => {
  it('accept chunks from other OpenAI-compatible servers (no fingerprint, null content, more finish reasons)', () => {
    const r = chatCompletionChunkSchema.safeParse({
      id: 'x',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'gpt',
      choices: [{ index: 0, delta: { content: null }, finish_reason: 'tool_calls', logprobs: null }],
      extra_field: true,
    });
    expect(r.success).toBe(true);
  });

  it('native frames are told apart by status; an unknown status fails', () => {
    expect(generateFrameSchema.parse({ status: 'token', index: 0, token: 'a', text: 'a' }).status).toBe('token');
    expect(generateFrameSchema.safeParse({ status: 'paused' }).success).toBe(false);
    expect(generateFrameSchema.safeParse({ status: 'complete', result: {} }).success).toBe(false);
  });

  it('the hosted API shape of /models parses without the local extensions', () => {
    const hosted = [{ id: '3c1', name: 'gemma-2-2b-it', base_url: 'x', is_default: true, sae_release_id: 'r' }];
    expect(hostedModelListSchema.parse(hosted)[0]?.chat_template).toBeUndefined();
  });

  it('error bodies: ours is strict, clients accept the other shapes too', () => {
    const ours = { detail: 'x', error: { message: 'x', type: 'not_found', code: 'not_found', param: null } };
    expect(errorBodySchema.safeParse(ours).success).toBe(true);
    expect(errorBodySchema.safeParse({ detail: 'x' }).success).toBe(false);
    for (const b of [ours, { detail: 'x' }, { error: 'x' }, { message: 'x' }, { error: { message: 'x', code: 429 } }])
      expect(anyErrorBodySchema.safeParse(b).success, JSON.stringify(b)).toBe(true);
  });
});
