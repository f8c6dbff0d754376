// A tiny HTTP server that records every request a snippet makes and answers with the smallest valid response of
// each route (JSON or SSE; a vector's id for /steering/generate; /sae/generate's frames, or its result as JSON with
// Accept: application/json; a behavior for /behaviors/create), so the tests can compare what was sent with the
// request the client sends. The answer text is a JSON object when the request's policy asks for JSON (the snippet
// parses it).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerIsJson, isObject } from '../policy-shape.ts';

export interface Captured {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface CaptureServer {
  url: string;
  requests: Captured[];
  /** The names GET /models lists (for mechanex's set_model); tests may add to it. */
  models: string[];
  close(): Promise<void>;
}

/** The id /steering/generate answers with. */
export const CAPTURED_VECTOR_ID = 'sv_captured';
/** The id /behaviors/create answers with. */
export const CAPTURED_BEHAVIOR_ID = 'bh_captured';

/** /sae/generate's result: one token read by each behavior the body names. */
function saeResult(b: Record<string, unknown>) {
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
  const named = [
    ...list(b.behavior_names).map((name) => ({ name, mode: 'monitor' })),
    ...list(b.force_steering).map((name) => ({ name, mode: 'forced' })),
  ];
  const token = { status: 'token', attempt: 1, index: 0, token: 'captured', text: 'captured' };
  const behaviors = Object.fromEntries(named.map(({ name }) => [name, { score: 0.5, drift: false }]));
  const summary = named.map((n) => ({ ...n, max_score: 0.5 }));
  return {
    token: { ...token, behaviors },
    result: { text: 'captured', attempts: 1, corrected: false, behaviors: summary },
  };
}

const sse = (frames: unknown[]) => frames.map((f) => `data: ${typeof f === 'string' ? f : JSON.stringify(f)}\n\n`);

function answer(
  path: string,
  body: unknown,
  models: readonly string[],
  accept: string,
): { type: string; text: string } {
  const json = (v: unknown) => ({ type: 'application/json', text: JSON.stringify(v) });
  const b = isObject(body) ? body : {};
  const base = { id: 'x', created: 0, model: 'm' };
  const text = answerIsJson(b) ? '{"captured": true}' : 'captured';
  if (path === '/models') return json(models.map((name) => ({ name })));
  if (path === '/auth/api-keys/set-model') return json({ status: 'ok', model_name: b.model_name });
  if (path === '/policies/run') return json({ output: text, accepted: true });
  if (path === '/steering/generate') {
    const result = { steering_vector_id: CAPTURED_VECTOR_ID };
    const frames = sse([{ status: 'started' }, { status: 'processing', progress: 50, message: 'captured' }]);
    return { type: 'text/event-stream', text: [...frames, ...sse([{ status: 'complete', result }])].join('') };
  }
  if (path === '/sae/generate') {
    const { token, result } = saeResult(b);
    if (accept.startsWith('application/json')) return json(result);
    const frames = sse([{ status: 'started' }, token, { status: 'complete', result }]);
    return { type: 'text/event-stream', text: frames.join('') };
  }
  if (path === '/behaviors/create') {
    return json({ id: CAPTURED_BEHAVIOR_ID, behavior_name: b.behavior_name, separation_auc: 0.9, threshold: 0.5 });
  }
  if (path === '/generate') {
    const frames = sse([{ status: 'started' }, { status: 'complete', result: { output: 'captured' } }]);
    return { type: 'text/event-stream', text: frames.join('') };
  }
  const chat = path.endsWith('/chat/completions');
  if (b.stream === true) {
    const choice = chat ? { index: 0, delta: { content: text } } : { index: 0, text };
    const frames = sse([{ ...base, object: 'chunk', choices: [{ ...choice, finish_reason: null }] }, '[DONE]']);
    return { type: 'text/event-stream', text: frames.join('') };
  }
  const choice = chat ? { message: { role: 'assistant', content: text } } : { text };
  return json({ ...base, object: 'completion', choices: [{ index: 0, ...choice, finish_reason: 'stop' }] });
}

/** Starts the server on a free loopback port; GET /models lists `models` (for mechanex's set_model). */
export async function startCaptureServer(initialModels: readonly string[]): Promise<CaptureServer> {
  const requests: Captured[] = [];
  const models = [...initialModels];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => {
      raw += d;
    });
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = { unparsable: raw };
      }
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const { type, text } = answer(path, body, models, req.headers.accept ?? '');
      res.writeHead(200, { 'content-type': type }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    models,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
