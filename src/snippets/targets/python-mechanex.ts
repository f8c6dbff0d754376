// Python (mechanex): the Axionic SDK, 1.0.x semantics. It reads MECHANEX_BASE_URL when imported and has no chat
// call; which call a request becomes (generate on /generate, generate with a constraint, or policy.run) is
// mechanex-plan.ts's choice. The rest of the request is listed as not sent; a JSON answer is parsed and printed.
// Creating a steering vector is mx.steering.generate_vectors (mechanex-steering-create.ts); SAE-monitored generation
// is mx.sae.generate (mechanex-sae-generate.ts) and creating a behavior mx.sae.create_behavior
// (mechanex-behavior-create.ts).
import type { RequestObject } from '../../api/request-object.ts';
import { pyKwargs, pyString } from '../literals/python-literal.ts';
import { mechanexBehaviorSnippet } from '../mechanex-behavior-create.ts';
import type { MechanexCall } from '../mechanex-call.ts';
import { mechanexPlan } from '../mechanex-plan.ts';
import { mechanexPreamble } from '../mechanex-preamble.ts';
import { mechanexBehaviorsNote, mechanexSaeSnippet } from '../mechanex-sae-generate.ts';
import { mechanexCreateSnippet } from '../mechanex-steering-create.ts';
import { extraHeaders, type Route, routeOf, snippetBody } from '../request-parts.ts';
import type { Snippet, SnippetOptions, SnippetTarget } from '../types.ts';

/** The call and what it prints for one prompt expression, at an indent (a loop body is indented). */
function callLines(call: MechanexCall, prompt: string, indent: string): string[] {
  const inner = `${indent}    `;
  const result = call.fn === 'policy.run' ? 'result' : 'output';
  const text = call.fn === 'policy.run' ? 'result["output"]' : 'output';
  const lines = [
    `${indent}${result} = mx.${call.fn}(\n${inner}prompt=${prompt},\n${pyKwargs(call.args, inner)}${indent})`,
  ];
  if (call.fn === 'policy.run') {
    const trace = call.args.some(([k, v]) => k === 'include_trace' && v === true);
    lines.push(`${indent}# result also holds accepted, score, constraints_ok, verifier_ok${trace ? ' and trace' : ''}`);
  }
  if (call.json) lines.push(`${indent}data = json.loads(${text})`, `${indent}print(json.dumps(data, indent=2))`);
  else lines.push(`${indent}print(${text})`);
  return lines;
}

/** Routes mechanex has a call of their own for (not generate()). */
const OWN_CALLS: Partial<Record<Route, (req: RequestObject, opts: SnippetOptions) => Snippet>> = {
  'steering-generate': mechanexCreateSnippet,
  'sae-generate': mechanexSaeSnippet,
  'behaviors-create': mechanexBehaviorSnippet,
};

function render(req: RequestObject, opts: SnippetOptions): Snippet {
  const own = OWN_CALLS[routeOf(req)];
  if (own) return own(req, opts);
  if (routeOf(req) === 'other') {
    const note = `mechanex has no generate call for ${req.method} ${req.meta.path}; use curl or fetch for it.`;
    return { code: `# ${note}\n`, unsupported: Object.keys(snippetBody(req, opts) ?? {}), notes: [note] };
  }
  const call = mechanexPlan(req, opts);
  const lines = mechanexPreamble(req, opts, call);
  if (call.unsupported.length) lines.push(`# Not sent by mechanex: ${call.unsupported.join(', ')}`);
  const [only, ...more] = call.prompts;
  if (only !== undefined && more.length === 0) lines.push(...callLines(call, pyString(only), ''));
  else {
    const list = `[\n${call.prompts.map((p) => `    ${pyString(p)},\n`).join('')}]`;
    lines.push(`for prompt in ${list}:`, ...callLines(call, 'prompt', '    '));
  }
  const notes = [...call.notes];
  const behaviors = mechanexBehaviorsNote(snippetBody(req, opts) ?? {});
  if (behaviors) notes.push(behaviors);
  const headers = extraHeaders(req);
  if (headers.length) notes.push(`mechanex sends only x-api-key: not sent ${headers.map(([k]) => k).join(', ')}.`);
  return { code: `${lines.join('\n')}\n`, unsupported: call.unsupported, notes };
}

export const pythonMechanex: SnippetTarget = {
  id: 'python-mechanex',
  label: 'Python (mechanex)',
  install: 'pip install mechanex',
  language: 'python',
  render,
};
