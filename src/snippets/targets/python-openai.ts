// Python (OpenAI): the official SDK with base_url=<server>/v1; Axionic's fields (policy, policy_id, include_trace,
// …) ride in extra_body, which the SDK merges into the JSON body. A JSON answer (the policy's json_schema or
// json_mode) is parsed with json.loads and printed, as the seed page does; a stream is gathered first.
import type { RequestObject } from '../../api/request-object.ts';
import { namedBehaviorFields, openAiBehaviorsNote } from '../behavior-notes.ts';
import { ONE_LINE, pyKwargs, pyLiteral, pyString } from '../literals/python-literal.ts';
import { PY_BEHAVIOR_SUMMARY, pyStreamWithScores } from '../openai-behaviors.ts';
import { answerIsJson } from '../policy-shape.ts';
import {
  extraHeaders,
  inlineKey,
  KEY_ENV,
  noOpenAiCall,
  routeOf,
  snippetBody,
  splitOpenAi,
  traceNote,
} from '../request-parts.ts';
import type { Snippet, SnippetOptions, SnippetTarget } from '../types.ts';

/** json.loads of the answer text, printed back as JSON. */
const printJson = (text: string) => `data = json.loads(${text})\nprint(json.dumps(data, indent=2))\n`;

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
  const json = answerIsJson(body);
  const imports = [...(json ? ['import json'] : []), ...(opts.keyMode === 'env' ? ['import os'] : [])];
  const head = `${imports.length ? `${imports.join('\n')}\n\n` : ''}from openai import OpenAI\n`;
  const headers = extraHeaders(req);
  const extra = headers.length ? `, default_headers=${pyLiteral(Object.fromEntries(headers), ONE_LINE)}` : '';
  const client = `client = OpenAI(api_key=${key}, base_url=${pyString(`${req.meta.baseUrl}/v1`)}${extra})\n`;
  const piece = route === 'chat' ? 'delta.content or ""' : 'text';
  const whole = `response.choices[0].${route === 'chat' ? 'message.content' : 'text'}`;
  const stream = body.stream === true;
  const scores = namedBehaviorFields(body).length > 0;
  let out: string;
  if (stream && json) {
    out = `text = ""\nfor chunk in stream:\n    if chunk.choices:\n        text += chunk.choices[0].${piece}\n${printJson('text')}`;
  } else if (stream && scores) out = pyStreamWithScores(piece);
  else if (stream) {
    out = `for chunk in stream:\n    if chunk.choices:\n        print(chunk.choices[0].${piece}, end="", flush=True)\nprint()\n`;
  } else if (json) out = printJson(whole);
  else out = `print(${whole})\n${scores ? PY_BEHAVIOR_SUMMARY : ''}`;
  const result = stream ? 'stream' : 'response';
  const notes = 'model' in body ? [] : ['The OpenAI SDK requires a model: "default" selects the key\'s model.'];
  if (extensions.length) notes.push(`Axionic fields go in extra_body: ${extensions.map(([k]) => k).join(', ')}.`);
  const trace = traceNote(body);
  if (trace) notes.push(trace);
  const behaviors = openAiBehaviorsNote(body);
  if (behaviors) notes.push(behaviors);
  return {
    code: `${head}\n${client}\n${result} = ${call}(\n${args})\n${out}`,
    unsupported: [],
    notes,
  };
}

export const pythonOpenai: SnippetTarget = {
  id: 'python-openai',
  label: 'Python (OpenAI)',
  install: 'pip install openai',
  language: 'python',
  render,
};
