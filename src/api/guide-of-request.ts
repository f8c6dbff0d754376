// What guide a request carries, read back from the request object itself (so the output view works for any run,
// a past one included): the constraint (a JSON Schema, a regex, a grammar) on /sampling/generate or in the inline
// policy's constraints, or a policy (inline or by id).
import type { RequestObject } from './request-object.ts';

export interface RequestGuide {
  readonly via: 'direct' | 'policy';
  /** The JSON Schema the output must satisfy, when the request says it. */
  readonly schema?: unknown;
  readonly jsonMode?: boolean;
  readonly pattern?: string;
  readonly grammar?: string;
  readonly policyId?: string;
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function requestGuide(req: Pick<RequestObject, 'body' | 'meta'>): RequestGuide | undefined {
  const b = req.body;
  if (!b) return undefined;
  if (req.meta.path === '/sampling/generate') {
    if (b.json_schema === undefined && !str(b.regex_pattern) && !str(b.grammar)) return undefined;
    return { via: 'direct', schema: b.json_schema, pattern: str(b.regex_pattern), grammar: str(b.grammar) };
  }
  const policyId = str(b.policy_id);
  const c = obj(obj(b.policy)?.constraints);
  if (!obj(b.policy) && !policyId) return undefined;
  return {
    via: 'policy',
    policyId,
    schema: c?.json_schema,
    jsonMode: c?.json_mode === true,
    pattern: str(c?.regex_pattern),
    grammar: str(c?.grammar),
  };
}
