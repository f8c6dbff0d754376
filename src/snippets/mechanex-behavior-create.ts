// POST /behaviors/create as mechanex 1.0.x makes it: `mx.sae.create_behavior(behavior_name, prompts,
// positive_answers, negative_answers, description="", steering_vector_id=None)` POSTs {behavior_name, prompts,
// positive_answers, negative_answers, description} (description "" when not given), plus steering_vector_id only
// when one is given, and returns the JSON answer: the new behavior. A body's model goes through mx.set_model (the
// server uses the key's model without one); any other field has no argument and is listed as not sent. The same
// pairs as a JSONL file go through mx.sae.create_behavior_from_jsonl, which a comment and a note show.
import type { RequestObject } from '../api/request-object.ts';
import { ONE_LINE, pyKwargs, pyLiteral, pyString } from './literals/python-literal.ts';
import { setModelOf } from './mechanex-call.ts';
import { mechanexPreamble, pyComment } from './mechanex-preamble.ts';
import { extraHeaders, snippetBody } from './request-parts.ts';
import type { Snippet, SnippetOptions } from './types.ts';

export interface MechanexBehaviorCall {
  /** create_behavior's keyword arguments, in its own order. */
  args: [string, unknown][];
  /** The model for mx.set_model, or undefined to keep the key's model. */
  model?: string;
  unsupported: string[];
  notes: string[];
}

/** create_behavior's parameters, in its order; the first four it requires (written even when the body lacks them). */
const REQUIRED = ['behavior_name', 'prompts', 'positive_answers', 'negative_answers'];
const OPTIONAL = ['description', 'steering_vector_id'];

export function mechanexBehaviorCall(req: RequestObject, opts: SnippetOptions): MechanexBehaviorCall {
  const body = snippetBody(req, opts) ?? {};
  const used = new Set<string>();
  const args: [string, unknown][] = [];
  for (const k of REQUIRED) {
    if (body[k] !== undefined) used.add(k);
    args.push([k, body[k] ?? (k === 'behavior_name' ? '' : [])]);
  }
  for (const k of OPTIONAL) {
    const v = body[k];
    if (v === undefined || v === null || v === '') {
      if (v !== undefined) used.add(k);
      continue;
    }
    used.add(k);
    args.push([k, v]);
  }
  const model = setModelOf(body);
  if (body.model === 'default' || model !== undefined) used.add('model');
  const unsupported = Object.entries(body)
    .filter(([k, v]) => v != null && !used.has(k))
    .map(([k]) => k);
  const headers = extraHeaders(req).filter(([k]) => k.toLowerCase() !== 'accept');
  const notes = ['create_behavior returns the new behavior as a dict: its id, threshold and separation_auc.'];
  if (headers.length) notes.push(`mechanex sends only x-api-key: not sent ${headers.map(([k]) => k).join(', ')}.`);
  return { args, model, unsupported, notes };
}

/** The bodies mechanex 1.0.x POSTs for the call: set_model's first, then create_behavior's. */
export function mechanexBehaviorBodies(call: MechanexBehaviorCall): Record<string, unknown>[] {
  const arg = (k: string) => call.args.find(([name]) => name === k)?.[1];
  const setModel = call.model === undefined ? [] : [{ model_name: call.model }];
  const body: Record<string, unknown> = {
    behavior_name: arg('behavior_name'),
    prompts: arg('prompts'),
    positive_answers: arg('positive_answers'),
    negative_answers: arg('negative_answers'),
    description: arg('description') ?? '',
  };
  const vector = arg('steering_vector_id');
  if (vector) body.steering_vector_id = vector;
  return [...setModel, body];
}

/** create_behavior_from_jsonl's call for the same request (it takes the name, description and vector, not the pairs). */
function fromJsonl(call: MechanexBehaviorCall): string {
  const name = call.args.find(([k]) => k === 'behavior_name')?.[1];
  const kept = call.args.filter(([k]) => OPTIONAL.includes(k));
  const kwargs = kept.map(([k, v]) => `, ${k}=${pyLiteral(v, ONE_LINE)}`).join('');
  return `mx.sae.create_behavior_from_jsonl(${pyString(String(name ?? ''))}, "pairs.jsonl"${kwargs})`;
}

export function mechanexBehaviorSnippet(req: RequestObject, opts: SnippetOptions): Snippet {
  const call = mechanexBehaviorCall(req, opts);
  const lines = mechanexPreamble(req, opts, { json: false, model: call.model });
  if (call.unsupported.length) lines.push(`# Not sent by mechanex: ${call.unsupported.join(', ')}`);
  lines.push(
    `behavior = mx.sae.create_behavior(\n${pyKwargs(call.args, '    ')})`,
    'print(behavior["id"], behavior.get("separation_auc"))',
    '',
  );
  const jsonl = 'The same pairs as a JSONL file, one {"prompt", "positive_answer", "negative_answer"} object a line:';
  lines.push(...pyComment(jsonl), `# behavior = ${fromJsonl(call)}`);
  const notes = [
    ...call.notes,
    `The same pairs as a JSONL file (one {"prompt", "positive_answer", "negative_answer"} object a line) go through ${fromJsonl(call)}.`,
  ];
  return { code: `${lines.join('\n')}\n`, unsupported: call.unsupported, notes };
}
