// Guided generation in a request: the constraint (JSON Schema, regex, grammar) or the policy a run carries, and
// how it travels. "openai": on /v1/chat/completions or /v1/completions with `policy` in the body (what the seed
// page's OpenAI example does: a constraint becomes an inline policy); "direct": POST /sampling/generate with the
// constraint's own field, streamed with the native frames. A full or saved policy always takes the OpenAI route.

export type ConstraintKind = 'json_schema' | 'regex' | 'grammar';
export type GuideKind = ConstraintKind | 'policy';
export type GuideTransport = 'openai' | 'direct';

export type RunGuide =
  | { readonly kind: 'json_schema'; readonly transport: GuideTransport; readonly schema: unknown }
  | { readonly kind: 'regex'; readonly transport: GuideTransport; readonly pattern: string }
  | { readonly kind: 'grammar'; readonly transport: GuideTransport; readonly grammar: string }
  | {
      readonly kind: 'policy';
      /** The editor's policy (sent inline) … */
      readonly policy?: Readonly<Record<string, unknown>>;
      /** … or a saved one, run by id. */
      readonly policyId?: string;
    };

/** The field of the constraint on /sampling/generate and in `policy.constraints`. */
export const CONSTRAINT_FIELD: Record<ConstraintKind, 'json_schema' | 'regex_pattern' | 'grammar'> = {
  json_schema: 'json_schema',
  regex: 'regex_pattern',
  grammar: 'grammar',
};

/** The method name the seed page uses for constrained decoding. */
export const GUIDED_METHOD = 'guided-generation';

/** Whether the run goes to /sampling/generate (direct transport; the native /generate mode has no policy field). */
export function usesSamplingRoute(guide: RunGuide | undefined, mode: string): boolean {
  if (!guide || guide.kind === 'policy') return false;
  return guide.transport === 'direct' || mode === 'generate';
}

export function constraintValue(g: Exclude<RunGuide, { kind: 'policy' }>): unknown {
  return g.kind === 'json_schema' ? g.schema : g.kind === 'regex' ? g.pattern : g.grammar;
}

/** Which verifiers check a constraint's output on the policy path. */
const VERIFIERS: Record<ConstraintKind, readonly string[]> = {
  json_schema: ['syntax', 'json_schema'],
  regex: ['regex'],
  grammar: [],
};

export interface GuideSampling {
  readonly temperature: number;
  readonly top_p?: number;
  readonly top_k?: number;
}

/**
 * The inline policy a constraint becomes on the OpenAI routes. The policy's sampling block replaces the request's
 * own sampling fields there, so the form's temperature, top-p and top-k go into it.
 */
export function constraintPolicy(g: Exclude<RunGuide, { kind: 'policy' }>, s: GuideSampling): Record<string, unknown> {
  const sampling: Record<string, unknown> = { method: GUIDED_METHOD, temperature: s.temperature };
  if (s.top_p !== undefined) sampling.top_p = s.top_p;
  if (s.top_k !== undefined) sampling.top_k = s.top_k;
  const constraints: Record<string, unknown> =
    g.kind === 'json_schema'
      ? { json_mode: true, json_schema: g.schema }
      : { [CONSTRAINT_FIELD[g.kind]]: constraintValue(g) };
  const policy: Record<string, unknown> = { sampling, constraints };
  const enabled = VERIFIERS[g.kind];
  if (enabled.length) policy.verifiers = { enabled: [...enabled], repair_on_failure: true };
  return policy;
}

/** The body fields a guide adds on an OpenAI route. */
export function policyFields(g: RunGuide, s: GuideSampling): Record<string, unknown> {
  if (g.kind !== 'policy') return { policy: constraintPolicy(g, s) };
  if (g.policyId) return { policy_id: g.policyId, include_trace: true };
  return { policy: g.policy ?? {}, include_trace: true };
}

/** The policy a guide runs as on the policy API (/policies/compare, /policies/evaluate). */
export function guidePolicy(
  g: RunGuide,
  s: GuideSampling,
): { policy: Record<string, unknown> } | { policy_id: string } {
  if (g.kind !== 'policy') return { policy: constraintPolicy(g, s) };
  if (g.policyId) return { policy_id: g.policyId };
  return { policy: { ...(g.policy ?? {}) } };
}
