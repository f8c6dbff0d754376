// POST /sae/generate as mechanex 1.0.x makes it: `mx.sae.generate(prompt, max_new_tokens=50, behavior_names=None,
// force_steering=None)` POSTs exactly {prompt, max_new_tokens, behavior_names, force_steering} (None included),
// reads the SSE frames itself and returns the complete frame's result.text. A body's model goes through
// mx.set_model; the sampling fields, the seed and include_activations have no argument (listed as not sent). The
// same module's note says what the /v1 routes' behavior fields become in a mechanex snippet: nothing (generate()
// has no argument for them).
import { DEFAULT_SAE_MAX_NEW_TOKENS } from '../../protocol/sae.ts';
import type { RequestObject } from '../api/request-object.ts';
import { namedBehaviorFields } from './behavior-notes.ts';
import { pyKwargs } from './literals/python-literal.ts';
import { setModelOf } from './mechanex-call.ts';
import { mechanexPreamble } from './mechanex-preamble.ts';
import type { JsonObject } from './policy-shape.ts';
import { extraHeaders, snippetBody } from './request-parts.ts';
import type { Snippet, SnippetOptions } from './types.ts';

export interface MechanexSaeCall {
  /** sae.generate's keyword arguments, in its own order. */
  args: [string, unknown][];
  /** The model for mx.set_model, or undefined to keep the key's model. */
  model?: string;
  unsupported: string[];
  notes: string[];
}

/** sae.generate's behavior arguments (the body's fields of the same names). */
const BEHAVIOR_ARGS = ['behavior_names', 'force_steering'];

export function mechanexSaeCall(req: RequestObject, opts: SnippetOptions): MechanexSaeCall {
  const body = snippetBody(req, opts) ?? {};
  const used = new Set<string>();
  const args: [string, unknown][] = [['prompt', typeof body.prompt === 'string' ? body.prompt : '']];
  if (typeof body.prompt === 'string') used.add('prompt');
  const max = body.max_new_tokens;
  if (typeof max === 'number' || max === null) used.add('max_new_tokens');
  args.push(['max_new_tokens', typeof max === 'number' ? max : DEFAULT_SAE_MAX_NEW_TOKENS]);
  const named = namedBehaviorFields(body);
  for (const k of BEHAVIOR_ARGS) {
    const v = body[k];
    if (v === null || Array.isArray(v)) used.add(k);
    if (named.includes(k)) args.push([k, v]);
  }
  const model = setModelOf(body);
  if (body.model === 'default' || model !== undefined) used.add('model');
  const unsupported = Object.entries(body)
    .filter(([k, v]) => v != null && !used.has(k))
    .map(([k]) => k);
  const headers = extraHeaders(req).filter(([k]) => k.toLowerCase() !== 'accept');
  const notes = [
    'mx.sae.generate reads the frames itself and returns only the final text: the per-token scores and corrections are not returned (curl and fetch show them).',
    'When the call fails, mechanex 1.0.x falls back to a local model: without mx.load_model(...) that raises "No local model loaded".',
  ];
  if (headers.length) notes.push(`mechanex sends only x-api-key: not sent ${headers.map(([k]) => k).join(', ')}.`);
  return { args, model, unsupported, notes };
}

/** The bodies mechanex 1.0.x POSTs for the call: set_model's first, then sae.generate's. */
export function mechanexSaeBodies(call: MechanexSaeCall): Record<string, unknown>[] {
  const arg = (k: string) => call.args.find(([name]) => name === k)?.[1];
  const setModel = call.model === undefined ? [] : [{ model_name: call.model }];
  const body = {
    prompt: arg('prompt'),
    max_new_tokens: arg('max_new_tokens') ?? DEFAULT_SAE_MAX_NEW_TOKENS,
    behavior_names: arg('behavior_names') ?? null,
    force_steering: arg('force_steering') ?? null,
  };
  return [...setModel, body];
}

export function mechanexSaeSnippet(req: RequestObject, opts: SnippetOptions): Snippet {
  const call = mechanexSaeCall(req, opts);
  const lines = mechanexPreamble(req, opts, { json: false, model: call.model });
  if (call.unsupported.length) lines.push(`# Not sent by mechanex: ${call.unsupported.join(', ')}`);
  lines.push(`text = mx.sae.generate(\n${pyKwargs(call.args, '    ')})`, 'print(text)');
  return { code: `${lines.join('\n')}\n`, unsupported: call.unsupported, notes: call.notes };
}

/** The note a mechanex snippet of a /v1 request gives when the body names behaviors (generate() cannot send them). */
export function mechanexBehaviorsNote(body: JsonObject): string | undefined {
  const fields = namedBehaviorFields(body);
  if (!fields.length) return undefined;
  return `mx.generation.generate has no ${fields.join(' or ')}: this call is not monitored. mx.sae.generate(prompt=..., max_new_tokens=..., behavior_names=[...], force_steering=[...]) monitors behaviors on POST /sae/generate.`;
}
