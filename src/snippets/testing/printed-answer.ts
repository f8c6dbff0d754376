// The model's answer as a snippet printed it: curl and fetch print the whole response (JSON, or the SSE frames),
// so the text is read out of it; the SDK targets print the text itself (or its parsed JSON, printed back as JSON).
import type { RequestObject } from '../../api/request-object.ts';
import { isObject } from '../policy-shape.ts';
import { routeOf } from '../request-parts.ts';
import type { SnippetTarget } from '../types.ts';

/** The JSON payloads of the frames curl (`data: …` lines) or fetch (payloads, one a line) printed, [DONE] left out. */
export function printedFrames(target: SnippetTarget, stdout: string): unknown[] {
  const lines = stdout.split('\n');
  const payloads =
    target.id === 'curl' ? lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()) : lines;
  return payloads.filter((l) => l !== '' && l !== '[DONE]').map((l) => JSON.parse(l) as unknown);
}

/** The value at a path of keys and indexes (undefined where the path breaks). */
export const at = (v: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((o, k) => (isObject(o) || Array.isArray(o) ? (o as Record<string, unknown>)[k] : undefined), v);

/** The text of one OpenAI choice: a chat message or delta's content, or a completion's text. */
const choiceText = (v: unknown, chat: boolean, stream: boolean): string => {
  const t = chat ? at(v, 'choices', 0, stream ? 'delta' : 'message', 'content') : at(v, 'choices', 0, 'text');
  return typeof t === 'string' ? t : '';
};

export function printedAnswer(target: SnippetTarget, req: RequestObject, stdout: string): string {
  if (target.id !== 'curl' && target.id !== 'javascript-fetch') return stdout.replace(/\n$/, '');
  const stream = req.body?.stream === true;
  const route = routeOf(req);
  if (route === 'sampling') {
    const result = stream ? at(printedFrames(target, stdout).at(-1), 'result') : JSON.parse(stdout);
    return String(at(result, 'output'));
  }
  const chat = route === 'chat';
  if (!stream) return choiceText(JSON.parse(stdout), chat, false);
  return printedFrames(target, stdout)
    .map((f) => choiceText(f, chat, true))
    .join('');
}
