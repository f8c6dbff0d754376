// What a request body says about its answer's shape: the policy it carries (inline or saved by id), whether the
// answer is JSON (parsed before printing), and the JSON Schema or regex it is generated under (what tests check).

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The body's policy: an inline RuntimePolicy object, or the id of a saved one (null counts as absent). */
export function requestPolicy(body: JsonObject): { inline?: JsonObject; id?: string } {
  if (isObject(body.policy)) return { inline: body.policy };
  if (typeof body.policy_id === 'string' && body.policy_id !== '') return { id: body.policy_id };
  return {};
}

/** The inline policy's constraints block, or an empty one. */
function constraintsOf(body: JsonObject): JsonObject {
  const { inline } = requestPolicy(body);
  return inline && isObject(inline.constraints) ? inline.constraints : {};
}

/**
 * Whether the answer is JSON by the request's own inline policy: a json_schema, json_mode, or a tool_schema with
 * no regex or grammar (the runtime's reading). A saved policy's constraint is not known from the request.
 */
export function answerIsJson(body: JsonObject): boolean {
  const c = constraintsOf(body);
  if (given(c.json_schema) || c.json_mode === true) return true;
  return given(c.tool_schema) && !given(c.regex_pattern) && !given(c.grammar);
}

/** The JSON Schema the answer is generated under: the inline policy's, or a /sampling/generate body's own. */
export function answerSchema(body: JsonObject): unknown {
  const c = constraintsOf(body);
  if (given(c.json_schema)) return c.json_schema;
  return given(body.json_schema) ? body.json_schema : undefined;
}

/** The regular expression the whole answer matches: the inline policy's, or a /sampling/generate body's own. */
export function answerRegex(body: JsonObject): string | undefined {
  const c = constraintsOf(body);
  if (typeof c.regex_pattern === 'string' && c.regex_pattern !== '') return c.regex_pattern;
  return typeof body.regex_pattern === 'string' && body.regex_pattern !== '' ? body.regex_pattern : undefined;
}
