import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAFT } from './draft.ts';
import { readShareFragment, shareFragment } from './share-link.ts';

describe('share links', () => {
  it('round-trip the request form, unicode included', () => {
    const draft = {
      ...DEFAULT_DRAFT,
      messages: [{ id: 'm1', role: 'user' as const, content: 'Hé 🦊 "quoted" \u2028' }],
      params: { ...DEFAULT_DRAFT.params, seed: 7, stop: ['\n'] },
    };
    const frag = shareFragment({ draft, target: 'custom', customBaseUrl: 'https://x.example' });
    expect(frag.startsWith('#share=')).toBe(true);
    const back = readShareFragment(frag);
    expect(back?.draft.messages).toEqual(draft.messages);
    expect(back?.draft.params.seed).toBe(7);
    expect(back?.customBaseUrl).toBe('https://x.example');
  });

  it('carry the chosen constraint’s text only, and no saved policy’s id', () => {
    const guide = {
      kind: 'json_schema' as const,
      transport: 'direct' as const,
      texts: { json_schema: '{"type": "string"}', regex: 'a+', grammar: 'root ::= "x"', policy: '{"name": "p"}' },
      policyId: 'pol_1',
    };
    const back = readShareFragment(shareFragment({ draft: { ...DEFAULT_DRAFT, guide }, target: 'local' }));
    expect(back?.draft.guide).toEqual({
      kind: 'json_schema',
      transport: 'direct',
      texts: { json_schema: '{"type": "string"}', regex: '', grammar: '', policy: '' },
    });
  });

  it('never carry a key, even if one was typed into the form', () => {
    const frag = shareFragment({ draft: { ...DEFAULT_DRAFT, rawBody: '{"api_key":"ax_secret"}' }, target: 'local' });
    expect(atob(frag.slice(7).replace(/-/g, '+').replace(/_/g, '/'))).not.toContain('ax_secret');
  });

  it('ignore a malformed fragment', () => {
    expect(readShareFragment('#share=%%%')).toBeUndefined();
    expect(readShareFragment('#other')).toBeUndefined();
  });
});
