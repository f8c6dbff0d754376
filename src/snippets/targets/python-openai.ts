// Python (OpenAI): the official SDK with base_url=<server>/v1; Axionic's fields ride in extra_body, which the SDK
// merges into the JSON body.
import type { RequestObject } from '../../api/request-object.ts';
import { ONE_LINE, pyKwargs, pyLiteral, pyString } from '../literals/python-literal.ts';
import { extraHeaders, inlineKey, KEY_ENV, noOpenAiCall, routeOf, snippetBody, splitOpenAi } from '../request-parts.ts';
import type { Snippet, SnippetOptions, SnippetTarget } from '../types.ts';

function render(req: RequestObject, opts: SnippetOptions): Snippet {
  const route = routeOf(req);
  const body = snippetBody(req, opts) ?? {};
  if (route !== 'chat' && route !== 'completions') {
    return { code: `# ${noOpenAiCall(req)}\n`, unsupported: Object.keys(body), notes: [noOpenAiCall(req)] };
  }
  const key = opts.keyMode === 'env' ? `os.environ[${pyString(KEY_ENV)}]` : pyString(inlineKey(req, opts));
  // The SDK's create() requires model; "default" is what the server assumes when it is left out.
  const { standard, extensions } = splitOpenAi('model' in body ? body : { model: 'default', ...body }, route);
  const call = route === 'chat' ? 'client.chat.completions.create' : 'client.completions.create';
  const indent = '    ';
  let args = pyKwargs(standard, indent);
  if (extensions.length) {
    const head = `${indent}extra_body=`;
    args += `${head}${pyLiteral(Object.fromEntries(extensions), head.length, indent)},\n`;
  }
  const imports = opts.keyMode === 'env' ? 'import os\n\nfrom openai import OpenAI\n' : 'from openai import OpenAI\n';
  const headers = extraHeaders(req);
  const extra = headers.length ? `, default_headers=${pyLiteral(Object.fromEntries(headers), ONE_LINE)}` : '';
  const client = `client = OpenAI(api_key=${key}, base_url=${pyString(`${req.meta.baseUrl}/v1`)}${extra})\n`;
  const out =
    body.stream === true
      ? `for chunk in stream:\n    if chunk.choices:\n        print(chunk.choices[0].${
          route === 'chat' ? 'delta.content or ""' : 'text'
        }, end="", flush=True)\nprint()\n`
      : `print(response.choices[0].${route === 'chat' ? 'message.content' : 'text'})\n`;
  const result = body.stream === true ? 'stream' : 'response';
  const notes = 'model' in body ? [] : ['The OpenAI SDK requires a model: "default" selects the key\'s model.'];
  if (extensions.length) notes.push(`Axionic fields go in extra_body: ${extensions.map(([k]) => k).join(', ')}.`);
  return {
    code: `${imports}\n${client}\n${result} = ${call}(\n${args})\n${out}`,
    unsupported: [],
    notes,
  };
}

export const pythonOpenai: SnippetTarget = {
  id: 'python-openai',
  label: 'Python (OpenAI)',
  language: 'python',
  render,
};
