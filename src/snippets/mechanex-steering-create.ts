// POST /steering/generate as mechanex 1.0.x makes it: `mx.steering.generate_vectors(prompts, positive_answers,
// negative_answers, layer_idxs, method, name, label)` POSTs exactly those seven fields (None for what is not given),
// reads the SSE frames and returns the complete frame's steering_vector_id. Its method defaults to "few-shot" and
// the server's to "caa", so the snippet always passes one. A body's model goes through mx.set_model (the server
// uses the key's model without one); any other field has no argument and is listed as not sent. The same pairs as
// a JSONL file go through mx.steering.generate_from_jsonl, which a comment and a note show.
import type { RequestObject } from '../api/request-object.ts';
import { ONE_LINE, pyKwargs, pyLiteral } from './literals/python-literal.ts';
import { setModelOf } from './mechanex-call.ts';
import { mechanexPreamble, pyComment } from './mechanex-preamble.ts';
import { extraHeaders, snippetBody } from './request-parts.ts';
import type { Snippet, SnippetOptions } from './types.ts';

export interface MechanexCreateCall {
  /** generate_vectors' keyword arguments, in its own order. */
  args: [string, unknown][];
  /** The model for mx.set_model, or undefined to keep the key's model. */
  model?: string;
  unsupported: string[];
  notes: string[];
}

/** generate_vectors' parameters, in its order. */
const SIGNATURE = ['prompts', 'positive_answers', 'negative_answers', 'layer_idxs', 'method', 'name', 'label'];
/** The ones it requires (written even when the body lacks them). */
const REQUIRED = new Set(['prompts', 'positive_answers', 'negative_answers']);

/** What the server computes when no method is given (mechanex's own default is "few-shot"). */
const SERVER_METHOD = 'caa';

export function mechanexCreateCall(req: RequestObject, opts: SnippetOptions): MechanexCreateCall {
  const body = snippetBody(req, opts) ?? {};
  const used = new Set<string>();
  const args: [string, unknown][] = [];
  for (const k of SIGNATURE) {
    const v = body[k];
    if (k === 'method') {
      if (typeof v === 'string' || v === null) used.add(k);
      args.push([k, typeof v === 'string' ? v : SERVER_METHOD]);
      continue;
    }
    if (v !== undefined) used.add(k);
    if (REQUIRED.has(k)) args.push([k, v ?? []]);
    else if (v !== null && v !== undefined) args.push([k, v]);
  }
  const model = setModelOf(body);
  if (body.model === 'default' || model !== undefined) used.add('model');
  const unsupported = Object.entries(body)
    .filter(([k, v]) => v != null && !used.has(k))
    .map(([k]) => k);
  const headers = extraHeaders(req).filter(([k]) => k.toLowerCase() !== 'accept');
  const notes = ["generate_vectors reads the progress frames itself and returns the new vector's id."];
  if (headers.length) notes.push(`mechanex sends only x-api-key: not sent ${headers.map(([k]) => k).join(', ')}.`);
  return { args, model, unsupported, notes };
}

/** The bodies mechanex 1.0.x POSTs for the call: set_model's first, then generate_vectors'. */
export function mechanexCreateBodies(call: MechanexCreateCall): Record<string, unknown>[] {
  const arg = (k: string) => call.args.find(([name]) => name === k)?.[1];
  const setModel = call.model === undefined ? [] : [{ model_name: call.model }];
  const body = {
    prompts: arg('prompts'),
    positive_answers: arg('positive_answers'),
    negative_answers: arg('negative_answers'),
    layer_idxs: arg('layer_idxs') ?? null,
    method: arg('method') ?? 'few-shot',
    name: arg('name') ?? null,
    label: arg('label') ?? null,
  };
  return [...setModel, body];
}

/** generate_from_jsonl's call for the same request (it takes the layers and the method, not a name or label). */
function fromJsonl(call: MechanexCreateCall): string {
  const kept = call.args.filter(([k]) => k === 'layer_idxs' || k === 'method');
  const kwargs = kept.map(([k, v]) => `, ${k}=${pyLiteral(v, ONE_LINE)}`).join('');
  return `mx.steering.generate_from_jsonl("pairs.jsonl"${kwargs})`;
}

export function mechanexCreateSnippet(req: RequestObject, opts: SnippetOptions): Snippet {
  const call = mechanexCreateCall(req, opts);
  const lines = mechanexPreamble(req, opts, { json: false, model: call.model });
  if (call.unsupported.length) lines.push(`# Not sent by mechanex: ${call.unsupported.join(', ')}`);
  lines.push(`vector_id = mx.steering.generate_vectors(\n${pyKwargs(call.args, '    ')})`, 'print(vector_id)', '');
  const jsonl = 'The same pairs as a JSONL file, one {"prompt", "positive_answer", "negative_answer"} object a line:';
  lines.push(...pyComment(jsonl), `# vector_id = ${fromJsonl(call)}`);
  const named = call.args.some(([k]) => k === 'name' || k === 'label');
  const notes = [
    ...call.notes,
    `The same pairs as a JSONL file (one {"prompt", "positive_answer", "negative_answer"} object a line) go through ${fromJsonl(call)}${named ? '; it takes no name or label' : ''}.`,
  ];
  return { code: `${lines.join('\n')}\n`, unsupported: call.unsupported, notes };
}
