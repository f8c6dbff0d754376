// JavaScript (OpenAI): the official SDK as an ES module (Node 20: `node file.mjs`); the SDK sends unknown params
// through, so Axionic's fields (policy, policy_id, include_trace, …) go in the same params object. A JSON answer
// (the policy's json_schema or json_mode) is parsed with JSON.parse and printed; a stream is gathered first. With
// behavior_names or force_steering, the readings in `axionic` are printed after the text (openai-behaviors.ts).
import type { RequestObject } from '../../api/request-object.ts';
import { namedBehaviorFields, openAiBehaviorsNote } from '../behavior-notes.ts';
import { jsLiteral, jsProperties, jsString, ONE_LINE } from '../literals/js-literal.ts';
import { JS_BEHAVIOR_SUMMARY, jsStreamWithScores } from '../openai-behaviors.ts';
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

/** JSON.parse of the answer text, printed back as JSON. */
const printJson = (text: string) => `const data = JSON.parse(${text});\nconsole.log(JSON.stringify(data, null, 2));\n`;

function render(req: RequestObject, opts: SnippetOptions): Snippet {
  const route = routeOf(req);
  const body = snippetBody(req, opts) ?? {};
  if (route !== 'chat' && route !== 'completions') {
    return { code: `// ${noOpenAiCall(req)}\n`, unsupported: Object.keys(body), notes: [noOpenAiCall(req)] };
  }
  const key = opts.keyMode === 'env' ? `process.env.${KEY_ENV}` : jsString(inlineKey(req, opts));
  const headers = extraHeaders(req);
  const clientOpts: [string, string][] = [
    ['apiKey', key],
    ['baseURL', jsString(`${req.meta.baseUrl}/v1`)],
  ];
  if (headers.length) clientOpts.push(['defaultHeaders', jsLiteral(Object.fromEntries(headers), ONE_LINE)]);
  const { standard, extensions } = splitOpenAi(body, route);
  let params = jsProperties(standard, '  ');
  if (extensions.length) params += `  // Axionic extensions\n${jsProperties(extensions, '  ')}`;
  const call = route === 'chat' ? 'client.chat.completions.create' : 'client.completions.create';
  const stream = body.stream === true;
  const piece = `chunk.choices[0]?.${route === 'chat' ? 'delta?.content' : 'text'} ?? ''`;
  const whole = `response.choices[0]${route === 'chat' ? '.message.content' : '.text'}`;
  const scores = namedBehaviorFields(body).length > 0;
  let out: string;
  if (stream && answerIsJson(body)) {
    out = `let text = '';\nfor await (const chunk of stream) text += ${piece};\n${printJson('text')}`;
  } else if (stream && scores) out = jsStreamWithScores(piece);
  else if (stream) {
    out = `for await (const chunk of stream) process.stdout.write(${piece});\nprocess.stdout.write('\\n');\n`;
  } else if (answerIsJson(body)) out = printJson(whole);
  else out = `console.log(${whole});\n${scores ? JS_BEHAVIOR_SUMMARY : ''}`;
  const code = [
    "import OpenAI from 'openai';\n",
    `const client = new OpenAI({ ${clientOpts.map(([k, v]) => `${k}: ${v}`).join(', ')} });\n`,
    `const ${stream ? 'stream' : 'response'} = await ${call}({\n${params}});\n${out}`,
  ].join('\n');
  const notes = extensions.length
    ? [`Axionic fields are passed in the params object: ${extensions.map(([k]) => k).join(', ')}.`]
    : [];
  const trace = traceNote(body);
  if (trace) notes.push(trace);
  const behaviors = openAiBehaviorsNote(body);
  if (behaviors) notes.push(behaviors);
  return { code, unsupported: [], notes };
}

export const javascriptOpenai: SnippetTarget = {
  id: 'javascript-openai',
  label: 'JavaScript (OpenAI)',
  install: 'npm i openai',
  language: 'javascript',
  render,
};
