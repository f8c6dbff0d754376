// An OpenAI-route request whose policy is just one constraint, as mechanex writes it: `mx.generation.generate(...)`
// with json_schema / regex_pattern / grammar switches to its policy path and builds {sampling: {method,
// temperature, top_k, top_p}, constraints: {json_mode: true, json_schema} | {regex_pattern} | {grammar}, verifiers:
// {enabled: that constraint's verifiers, repair_on_failure: true}, steering: {enabled, strength, vector_id} from
// steering_vector= / steering_strength=} (the contract's defaults elsewhere). Such a policy is sent as generate
// keywords; any other policy is not one generate() can build (see mechanex-policy-run.ts).
import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { RequestObject } from '../api/request-object.ts';
import { type MechanexCall, setModelOf } from './mechanex-call.ts';
import { mechanexPrompts } from './mechanex-prompts.ts';
import { blockKeywords } from './mechanex-steering-args.ts';
import { answerIsJson, isObject, type JsonObject, requestPolicy } from './policy-shape.ts';
import { snippetBody } from './request-parts.ts';
import type { SnippetOptions } from './types.ts';

/** The policy's sampling fields generate() takes, with their keyword names, in the order they are written. */
const SAMPLING_KEYWORDS: readonly (readonly [string, string])[] = [
  ['method', 'sampling_method'],
  ['temperature', 'temperature'],
  ['top_k', 'top_k'],
  ['top_p', 'top_p'],
  ['min_p', 'min_p'],
  ['typical_p', 'typical_p'],
];

/** The verifiers mechanex enables for each constraint keyword. */
const VERIFIERS: Readonly<Record<string, readonly string[]>> = {
  json_schema: ['syntax', 'json_schema'],
  regex_pattern: ['regex'],
  grammar: [],
};

const sameSet = (a: readonly unknown[], b: readonly string[]) => a.length === b.length && b.every((x) => a.includes(x));

/** Whether `o` has only the listed keys (absent or null values aside). */
const onlyKeys = (o: JsonObject, keys: readonly string[]) =>
  Object.entries(o).every(([k, v]) => v == null || keys.includes(k));

/** The constraint keyword and value of a constraints block generate() can build, else undefined. */
function constraintOf(c: JsonObject): [string, unknown] | undefined {
  if (!onlyKeys(c, ['json_mode', 'json_schema', 'regex_pattern', 'grammar'])) return undefined;
  const given = Object.keys(VERIFIERS).filter((k) => c[k] != null);
  const [kind] = given;
  if (kind === undefined || given.length > 1) return undefined;
  // generate() turns json_mode on with a schema, and only then
  if ((c.json_mode === true) !== (kind === 'json_schema')) return undefined;
  if (kind !== 'json_schema' && typeof c[kind] !== 'string') return undefined;
  return [kind, c[kind]];
}

/**
 * The generate() keywords that make mechanex send exactly this policy (its sampling fields, the constraint, then
 * its steering as steering_vector= / steering_strength=), or undefined when it has anything else: other blocks or
 * fields, no constraint or several, other verifiers, a steering block generate() cannot build.
 */
export function guidedKeywords(policy: JsonObject): [string, unknown][] | undefined {
  if (!onlyKeys(policy, ['sampling', 'constraints', 'verifiers', 'steering'])) return undefined;
  const sampling = policy.sampling ?? {};
  const constraints = policy.constraints ?? {};
  const verifiers = policy.verifiers ?? {};
  if (!isObject(sampling) || !isObject(constraints) || !isObject(verifiers)) return undefined;
  if (
    !onlyKeys(
      sampling,
      SAMPLING_KEYWORDS.map(([k]) => k),
    )
  )
    return undefined;
  const constraint = constraintOf(constraints);
  const steering = blockKeywords(policy.steering);
  if (!constraint || !steering) return undefined;
  if (!onlyKeys(verifiers, ['enabled', 'repair_on_failure']) || verifiers.repair_on_failure === false) return undefined;
  const enabled = verifiers.enabled ?? [];
  if (!Array.isArray(enabled) || !sameSet(enabled, VERIFIERS[constraint[0]] ?? [])) return undefined;
  const args: [string, unknown][] = [];
  for (const [field, keyword] of SAMPLING_KEYWORDS) {
    const v = sampling[field];
    if (v == null) continue;
    if (typeof v !== (field === 'method' ? 'string' : 'number')) return undefined;
    args.push([keyword, v]);
  }
  return [...args, constraint, ...steering];
}

/** Whether mechanex writes this request as generate() with a constraint (its inline policy is one). */
export function isGuidedPolicy(body: JsonObject): boolean {
  const { inline } = requestPolicy(body);
  return inline !== undefined && body.include_trace !== true && guidedKeywords(inline) !== undefined;
}

/** The generate() call for an OpenAI-route request whose policy isGuidedPolicy. */
export function mechanexGuidedCall(req: RequestObject, opts: SnippetOptions): MechanexCall {
  const body = snippetBody(req, opts) ?? {};
  const { prompts, used: promptFields, notes } = mechanexPrompts(req, body);
  const used = new Set<string>([...promptFields, 'policy']);
  const model = setModelOf(body);
  if (body.model === 'default' || model !== undefined) used.add('model');
  const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : DEFAULT_MAX_TOKENS.openai;
  if (typeof body.max_tokens === 'number') used.add('max_tokens');
  const { inline } = requestPolicy(body);
  const args: [string, unknown][] = [['max_tokens', maxTokens], ...((inline && guidedKeywords(inline)) ?? [])];
  for (const k of ['stream', 'include_trace']) if (body[k] === false) used.add(k);
  notes.push(
    'With a constraint, mechanex posts the policy to /policies/run; it sends no seed and no stop there.',
    ...(body.stream === true ? ["mechanex's policy path answers whole: the request's stream is not sent."] : []),
  );
  const unsupported = Object.entries(body)
    .filter(([k, v]) => v != null && !used.has(k))
    .map(([k]) => k);
  const json = answerIsJson(body);
  return { fn: 'generation.generate', sends: '/policies/run', json, prompts, args, model, unsupported, notes };
}
