// Python (mechanex): the Axionic SDK, 1.0.x semantics. It reads MECHANEX_BASE_URL when imported, has no chat call
// and sends a fixed set of fields to /generate — or, for guided generation, an inline policy to /policies/run; the
// rest of the request is listed as not sent.
import type { RequestObject } from '../../api/request-object.ts';
import { pyKwargs, pyString } from '../literals/python-literal.ts';
import { mechanexCall } from '../mechanex-call.ts';
import { mechanexPolicyCall } from '../mechanex-policy-call.ts';
import { extraHeaders, HOSTED_BASE_URL, inlineKey, KEY_ENV, routeOf, snippetBody } from '../request-parts.ts';
import type { Snippet, SnippetOptions, SnippetTarget } from '../types.ts';

function render(req: RequestObject, opts: SnippetOptions): Snippet {
  const route = routeOf(req);
  if (route === 'other') {
    const note = `mechanex has no generate call for ${req.method} ${req.meta.path}; use curl or fetch for it.`;
    return { code: `# ${note}\n`, unsupported: Object.keys(snippetBody(req, opts) ?? {}), notes: [note] };
  }
  // guided generation: a constraint keyword switches mechanex to its policy path (/policies/run)
  const call = route === 'sampling' ? mechanexPolicyCall(req, opts) : mechanexCall(req, opts);
  const hosted = req.meta.baseUrl === HOSTED_BASE_URL;
  const lines: string[] = [];
  if (opts.keyMode === 'env' || !hosted) lines.push('import os', '');
  if (!hosted) {
    lines.push(`os.environ["MECHANEX_BASE_URL"] = ${pyString(req.meta.baseUrl)}  # read when mechanex is imported`, '');
  }
  lines.push('import mechanex as mx', '');
  lines.push(
    `mx.set_key(${opts.keyMode === 'env' ? `os.environ[${pyString(KEY_ENV)}]` : pyString(inlineKey(req, opts))})`,
  );
  if (call.model !== undefined) lines.push(`mx.set_model(${pyString(call.model)})`);
  lines.push('');
  if (call.unsupported.length) lines.push(`# Not sent by mechanex: ${call.unsupported.join(', ')}`);
  const kwargs = (indent: string) => pyKwargs(call.args, indent);
  const [only, ...more] = call.prompts;
  if (only !== undefined && more.length === 0) {
    lines.push(`output = mx.generation.generate(\n    prompt=${pyString(only)},\n${kwargs('    ')})`, 'print(output)');
  } else {
    const list = `[\n${call.prompts.map((p) => `    ${pyString(p)},\n`).join('')}]`;
    lines.push(
      `for prompt in ${list}:`,
      `    output = mx.generation.generate(\n        prompt=prompt,\n${kwargs('        ')}    )`,
      '    print(output)',
    );
  }
  const notes = [...call.notes];
  const headers = extraHeaders(req);
  if (headers.length) notes.push(`mechanex sends only x-api-key: not sent ${headers.map(([k]) => k).join(', ')}.`);
  return { code: `${lines.join('\n')}\n`, unsupported: call.unsupported, notes };
}

export const pythonMechanex: SnippetTarget = {
  id: 'python-mechanex',
  label: 'Python (mechanex)',
  language: 'python',
  render,
};
