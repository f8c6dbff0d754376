// curl: the request exactly as the client sends it; the JSON body single-quoted so no content is expanded.
import type { RequestObject } from '../../api/request-object.ts';
import { NEW_BEHAVIOR_NOTE } from '../behavior-create.ts';
import { openAiBehaviorsNote, saeAnswerNote } from '../behavior-notes.ts';
import { shellQuote, shellSingleQuote, shellWord } from '../literals/shell-quote.ts';
import {
  extraHeaders,
  inlineKey,
  KEY_ENV,
  type Route,
  routeOf,
  snippetBody,
  streamsResponse,
} from '../request-parts.ts';
import { NEW_VECTOR_NOTE } from '../steering-create.ts';
import type { Snippet, SnippetOptions, SnippetTarget } from '../types.ts';

/** What the answer holds, per route, for the routes whose answer needs saying. */
const ANSWER_NOTES: Partial<Record<Route, (req: RequestObject) => string | undefined>> = {
  'steering-generate': () => NEW_VECTOR_NOTE,
  'sae-generate': saeAnswerNote,
  'behaviors-create': () => NEW_BEHAVIOR_NOTE,
  chat: (req) => openAiBehaviorsNote(req.body ?? {}),
  completions: (req) => openAiBehaviorsNote(req.body ?? {}),
};

function render(req: RequestObject, opts: SnippetOptions): Snippet {
  const body = snippetBody(req, opts);
  const keyHeader =
    opts.keyMode === 'env' ? `"x-api-key: $${KEY_ENV}"` : shellQuote(`x-api-key: ${inlineKey(req, opts)}`);
  const head = ['curl', ...(streamsResponse(req) ? ['-N'] : []), ...(req.method === 'GET' ? [] : ['-X', req.method])];
  const lines = [`${head.join(' ')} ${shellWord(req.url)}`];
  if (body) lines.push('-H "Content-Type: application/json"');
  lines.push(`-H ${keyHeader}`);
  for (const [k, v] of extraHeaders(req)) lines.push(`-H ${shellQuote(`${k}: ${v}`)}`);
  if (body) lines.push(`-d ${shellSingleQuote(JSON.stringify(body, null, 2))}`);
  const notes = opts.keyMode === 'env' ? [`Set ${KEY_ENV} first: export ${KEY_ENV}=ax_…`] : [];
  const answer = ANSWER_NOTES[routeOf(req)]?.(req);
  if (answer) notes.push(answer);
  return { code: `${lines.join(' \\\n  ')}\n`, unsupported: [], notes };
}

export const curl: SnippetTarget = { id: 'curl', label: 'curl', language: 'bash', render };
