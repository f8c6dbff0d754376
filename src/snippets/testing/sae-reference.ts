// The answer the local server gives a request when the test sends it itself: the reference an executed snippet's
// output is checked against (the requests are seeded, so the same body gives the same text). Read the way the
// request asks: /sae/generate's frames (token readings, corrections, the complete result) or its JSON result; a
// /v1 stream's chunks (the deltas, axionic.tokens, the last axionic.behaviors) or its JSON answer.
import type { RequestObject } from '../../api/request-object.ts';
import { isObject } from '../policy-shape.ts';
import { routeOf, streamsResponse } from '../request-parts.ts';
import { at } from './printed-answer.ts';

export type Readings = Record<string, { score: number; drift: boolean }>;

export interface Reference {
  text: string;
  /** Each token's readings, in the order they came (every attempt's, for /sae/generate). */
  readings: Readings[];
  /** /sae/generate's correction frames. */
  corrections: { index: number; action: string }[];
  /** The summary: the result's or axionic's behaviors. */
  behaviors: { name: string; mode: string }[];
}

const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObject) : []);
const summary = (v: unknown) => list(v).map((b) => ({ name: String(b.name), mode: String(b.mode) }));

/** The `data:` payloads of an event stream, read whole. */
const dataOf = async (res: Response) =>
  (await res.text())
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim());

/** The text of one OpenAI choice of an answer or chunk. */
function choiceText(v: unknown, chat: boolean, stream: boolean): string {
  const t = chat ? at(v, 'choices', 0, stream ? 'delta' : 'message', 'content') : at(v, 'choices', 0, 'text');
  return typeof t === 'string' ? t : '';
}

/** `req` must already be aimed at the server (retarget). */
export async function referenceAnswer(req: RequestObject): Promise<Reference> {
  const res = await fetch(req.url, { method: req.method, headers: req.headers, body: JSON.stringify(req.body) });
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  const route = routeOf(req);
  const stream = streamsResponse(req);
  if (route === 'sae-generate') {
    if (!stream) {
      const result = (await res.json()) as Record<string, unknown>;
      return { text: String(result.text), readings: [], corrections: [], behaviors: summary(result.behaviors) };
    }
    const frames = (await dataOf(res)).map((d) => JSON.parse(d) as Record<string, unknown>);
    const of = (status: string) => frames.filter((f) => f.status === status);
    const result = at(of('complete')[0], 'result');
    return {
      text: String(at(result, 'text')),
      readings: of('token').map((t) => t.behaviors as Readings),
      corrections: of('correction').map((c) => ({ index: Number(c.index), action: String(c.action) })),
      behaviors: summary(at(result, 'behaviors')),
    };
  }
  const chat = route === 'chat';
  if (!stream) {
    const answer = await res.json();
    return {
      text: choiceText(answer, chat, false),
      readings: [],
      corrections: [],
      behaviors: summary(at(answer, 'axionic', 'behaviors')),
    };
  }
  const chunks = (await dataOf(res)).filter((d) => d !== '[DONE]').map((d) => JSON.parse(d) as unknown);
  return {
    text: chunks.map((c) => choiceText(c, chat, true)).join(''),
    readings: chunks.flatMap((c) => list(at(c, 'axionic', 'tokens')).map((t) => t.behaviors as Readings)),
    corrections: [],
    behaviors: summary(chunks.map((c) => at(c, 'axionic', 'behaviors')).findLast((b) => b !== undefined)),
  };
}
