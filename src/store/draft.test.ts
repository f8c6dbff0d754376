import { describe, expect, it } from 'vitest';
import { DEFAULT_GUIDE } from '../api/guide-from-draft.ts';
import { DEFAULT_DRAFT, sanitizeDraft } from './draft.ts';

describe('sanitizeDraft (stored drafts, share links, history)', () => {
  it('keeps every well-formed field', () => {
    const d = sanitizeDraft({
      mode: 'generate',
      model: 'm',
      messages: [{ id: 'a', role: 'assistant', content: 'x' }],
      composer: 'c',
      prompt: 'p',
      params: { max_tokens: 9, temperature: 0.1, top_k: 3, sampling_method: 'typical', stop: ['x'], seed: 5 },
      stream: false,
      topLogprobs: 3,
      rawBody: '{}',
      fieldText: { max_tokens: '40000' },
      guide: {
        kind: 'regex',
        transport: 'direct',
        texts: { json_schema: '', regex: 'a+', grammar: '', policy: '' },
        policyId: 'pol_1',
      },
      steering: { vectorId: 'austen-mini/json', strength: -1.5 },
      behaviors: {
        picked: [
          { name: 'dialogue', mode: 'forced' },
          { name: 'dialogue', mode: 'monitor' },
          { name: 'json', mode: 'sideways' },
          { name: '' },
          42,
        ],
        features: false,
      },
    });
    expect(d).toEqual({
      mode: 'generate',
      model: 'm',
      messages: [{ id: 'a', role: 'assistant', content: 'x' }],
      composer: 'c',
      prompt: 'p',
      params: { max_tokens: 9, temperature: 0.1, top_k: 3, sampling_method: 'typical', stop: ['x'], seed: 5 },
      stream: false,
      topLogprobs: 3,
      rawBody: '{}',
      fieldText: { max_tokens: '40000' },
      guide: {
        kind: 'regex',
        transport: 'direct',
        texts: { json_schema: '', regex: 'a+', grammar: '', policy: '' },
        policyId: 'pol_1',
      },
      steering: { vectorId: 'austen-mini/json', strength: -1.5 },
      // one chip per name (the first kept); a mode it does not know is Monitor
      behaviors: {
        picked: [
          { name: 'dialogue', mode: 'forced' },
          { name: 'json', mode: 'monitor' },
        ],
        features: false,
      },
    });
  });

  it('keeps well-formed steering; a strength the API refuses becomes 0 (off)', () => {
    expect(sanitizeDraft({ steering: { vectorId: 'sv_1', strength: 250 } }).steering).toEqual({
      vectorId: 'sv_1',
      strength: 0,
    });
    expect(sanitizeDraft({ steering: 'x' }).steering).toEqual(DEFAULT_DRAFT.steering);
  });

  it('keeps a well-formed guide field by field (a damaged text is emptied, the rest kept)', () => {
    const d = sanitizeDraft({
      guide: { kind: 'json_schema', transport: 'sideways', texts: { json_schema: '{}', regex: 7 }, policyId: 3 },
    });
    expect(d.guide).toEqual({
      kind: 'json_schema',
      transport: 'openai',
      texts: { json_schema: '{}', regex: '', grammar: '', policy: '' },
    });
    expect(sanitizeDraft({ guide: 'x' }).guide).toEqual(DEFAULT_GUIDE);
  });

  it('replaces each damaged field by its default and keeps the rest', () => {
    const d = sanitizeDraft({
      mode: 'video',
      model: 42,
      messages: [{ role: 'tool', content: 'x' }, { role: 'user', content: 'kept' }, 'junk'],
      prompt: 'kept prompt',
      params: {
        max_tokens: 'lots',
        temperature: Number.NaN,
        top_p: 'x',
        sampling_method: 'beam',
        stop: ['a', 1, 'b', 'c', 'd', 'e'],
      },
      topLogprobs: 99,
    });
    expect(d.mode).toBe(DEFAULT_DRAFT.mode);
    expect(d.model).toBe(DEFAULT_DRAFT.model);
    expect(d.messages.map((m) => m.content)).toEqual(['kept']);
    expect(d.messages[0]?.id).toBeTruthy();
    expect(d.prompt).toBe('kept prompt');
    expect(d.params.max_tokens).toBe(DEFAULT_DRAFT.params.max_tokens);
    expect(d.params.temperature).toBe(DEFAULT_DRAFT.params.temperature);
    expect(d.params.top_p).toBeUndefined();
    expect(d.params.sampling_method).toBeUndefined();
    expect(d.params.stop).toEqual(['a', 'b', 'c', 'd']);
    expect(d.topLogprobs).toBe(DEFAULT_DRAFT.topLogprobs);
    expect('rawBody' in d).toBe(false);
  });

  it('turns anything that is not an object into the default draft', () => {
    for (const x of [null, 'x', 3, []]) expect(sanitizeDraft(x)).toEqual(DEFAULT_DRAFT);
  });
});

describe('saved reply versions', () => {
  it('keep their versions, the shown one and the notice across a reload; a broken version index is dropped', () => {
    const d = sanitizeDraft({
      messages: [
        { id: 'a', role: 'user', content: 'Hi' },
        { id: 'b', role: 'assistant', content: 'two', versions: ['one', 'two'], version: 1, notice: 'Stopped.' },
        { id: 'c', role: 'assistant', content: 'x', versions: ['x'], version: 5 },
      ],
    });
    expect(d.messages[1]).toEqual({
      id: 'b',
      role: 'assistant',
      content: 'two',
      versions: ['one', 'two'],
      version: 1,
      notice: 'Stopped.',
    });
    expect(d.messages[2]).toEqual({ id: 'c', role: 'assistant', content: 'x' });
  });
});
