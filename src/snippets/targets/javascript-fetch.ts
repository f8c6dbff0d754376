// fetch: the request exactly as the client sends it, as an ES module (Node 20: `node file.mjs`, or a browser). It
// prints the JSON answer or the stream's frames; /steering/generate's progress and new id, /sae/generate's tokens
// with their scores and its text (fetch-sae.ts), and a new behavior's id and separation are read out instead.
import type { RequestObject } from '../../api/request-object.ts';
import { openAiBehaviorsNote } from '../behavior-notes.ts';
import { PRINT_SAE_RESULT, READ_SAE_FRAMES } from '../fetch-sae.ts';
import { PRINT_FRAMES, READ_NEW_VECTOR } from '../fetch-sse.ts';
import { jsLiteral, jsString } from '../literals/js-literal.ts';
import { extraHeaders, inlineKey, KEY_ENV, routeOf, snippetBody, streamsResponse } from '../request-parts.ts';
import type { Snippet, SnippetOptions, SnippetTarget } from '../types.ts';

/** A new behavior: its id and how well its score separates the pairs it was made from. */
const PRINT_NEW_BEHAVIOR = 'const behavior = await res.json();\nconsole.log(behavior.id, behavior.separation_auc);\n';

/** What the code does with the answer: reads the event stream, or prints the JSON (or what matters in it). */
function answerReader(req: RequestObject): string {
  const route = routeOf(req);
  if (route === 'sae-generate') return streamsResponse(req) ? READ_SAE_FRAMES : PRINT_SAE_RESULT;
  if (route === 'behaviors-create') return PRINT_NEW_BEHAVIOR;
  if (!streamsResponse(req)) return 'console.log(JSON.stringify(await res.json(), null, 2));\n';
  return route === 'steering-generate' ? READ_NEW_VECTOR : PRINT_FRAMES;
}

function render(req: RequestObject, opts: SnippetOptions): Snippet {
  const body = snippetBody(req, opts);
  const key = opts.keyMode === 'env' ? `process.env.${KEY_ENV}` : jsString(inlineKey(req, opts));
  const headers: [string, string][] = [];
  if (body) headers.push(["'Content-Type'", "'application/json'"]);
  headers.push(["'x-api-key'", key]);
  for (const [k, v] of extraHeaders(req)) headers.push([jsString(k), jsString(v)]);
  const init = [
    `  method: ${jsString(req.method)},`,
    `  headers: {\n${headers.map(([k, v]) => `    ${k}: ${v},\n`).join('')}  },`,
  ];
  if (body) init.push(`  body: JSON.stringify(${jsLiteral(body, '  body: JSON.stringify('.length, '  ')}),`);
  const code = [
    `const res = await fetch(${jsString(req.url)}, {\n${init.join('\n')}\n});`,
    `if (!res.ok) throw new Error(\`\${res.status} \${await res.text()}\`);\n`,
    answerReader(req),
  ].join('\n');
  const notes = opts.keyMode === 'env' ? [`In a browser, replace process.env.${KEY_ENV} with your key.`] : [];
  const route = routeOf(req);
  const behaviors = route === 'chat' || route === 'completions' ? openAiBehaviorsNote(body ?? {}) : undefined;
  if (behaviors) notes.push(behaviors);
  return { code, unsupported: [], notes };
}

export const javascriptFetch: SnippetTarget = {
  id: 'javascript-fetch',
  label: 'fetch',
  language: 'javascript',
  render,
};
