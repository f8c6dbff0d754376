// The guide as the user edits it (the chosen kind, the transport, one text per editor, a saved policy's id) and
// its reading into the run's guide: a text that cannot be sent is an error naming the editor, shown where the
// request would be, and Run is refused with it.
import type { GuideKind, GuideTransport, RunGuide } from './guide.ts';
import type { RouteKey } from './run-spec.ts';

export interface DraftGuide {
  readonly kind: 'none' | GuideKind;
  readonly transport: GuideTransport;
  /** Each editor's text, kept when the user switches kinds. */
  readonly texts: {
    readonly json_schema: string;
    readonly regex: string;
    readonly grammar: string;
    readonly policy: string;
  };
  /** Run this saved policy by id instead of the editor's policy. */
  readonly policyId?: string;
}

export const DEFAULT_GUIDE: DraftGuide = {
  kind: 'none',
  transport: 'openai',
  texts: { json_schema: '', regex: '', grammar: '', policy: '' },
};

const EDITOR: Record<GuideKind, string> = {
  json_schema: 'schema',
  regex: 'regex',
  grammar: 'grammar',
  policy: 'policy',
};

function jsonOf(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`The ${what} is not valid JSON: ${(e as Error).message}`);
  }
}

export function guideFromDraft(g: DraftGuide | undefined, mode: RouteKey): RunGuide | undefined {
  if (!g || g.kind === 'none') return undefined;
  const kind = g.kind;
  if (kind === 'policy') {
    if (mode === 'generate')
      throw new Error('A policy runs on the Chat or Completion route (the native /generate has no policy field)');
    if (g.policyId) return { kind, policyId: g.policyId };
    if (!g.texts.policy.trim()) throw new Error('The policy is empty: write one, pick a preset or load a saved one');
    const policy = jsonOf(g.texts.policy, 'policy');
    if (typeof policy !== 'object' || policy === null || Array.isArray(policy))
      throw new Error('The policy must be a JSON object');
    return { kind, policy: policy as Record<string, unknown> };
  }
  const text = g.texts[kind];
  if (!text.trim()) throw new Error(`The ${EDITOR[kind]} is empty`);
  const transport = g.transport;
  if (kind === 'json_schema') return { kind, transport, schema: jsonOf(text, 'schema') };
  if (kind === 'regex') return { kind, transport, pattern: text };
  return { kind, transport, grammar: text };
}

/**
 * Raw mode: the inspector's edited body is sent as it is, so of the guide only its route counts (the texts are not
 * read, and cannot fail).
 */
export function guideRouteOnly(g: DraftGuide | undefined): RunGuide | undefined {
  if (!g || g.kind === 'none' || g.kind === 'policy') return undefined;
  const transport = g.transport;
  if (g.kind === 'json_schema') return { kind: 'json_schema', transport, schema: undefined };
  return g.kind === 'regex' ? { kind: 'regex', transport, pattern: '' } : { kind: 'grammar', transport, grammar: '' };
}
