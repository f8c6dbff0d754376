// A stand-in for the hosted Axionic API, for the browser journeys: it answers /models and streams
// /v1/chat/completions, and reports the headers of the last request it saw at GET /__last (test-only). Guided
// generation and the policy API (/policies…, /sampling/generate, and chat requests carrying a policy), steering
// (/steering/…, and chat requests naming a steering vector or a seed: a steering comparison's unsteered cell must
// come from the same model as its steered one), SAE monitoring (/sae/…, /behaviors…, and chat requests naming
// behaviors to monitor or force) and /v1/completions are answered by a second real local server behind it, so the
// guide, steering and SAE panels are tested through the relay end to end.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { startTestServer } from '../server/testing.ts';

const port = Number(process.env.FAKE_UPSTREAM_PORT ?? 4318);
let last: Record<string, string | string[] | undefined> = {};
const real = await startTestServer();

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let b = '';
    req.on('data', (d) => (b += d));
    req.on('end', () => resolve(b));
  });

/** The hosted model's name means the local model there. */
function localModel(body: string): string {
  try {
    const b = JSON.parse(body) as Record<string, unknown>;
    return JSON.stringify('model' in b ? { ...b, model: 'austen-mini' } : b);
  } catch {
    return body;
  }
}

/** Passes a request to the real server (with its key), streaming the answer back. */
async function forward(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
  const body = localModel(raw);
  const r = await fetch(`${real.url}${req.url}`, {
    method: req.method,
    headers: { 'content-type': 'application/json', 'x-api-key': real.key },
    body: req.method === 'GET' || req.method === 'DELETE' ? undefined : body,
  });
  res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
  if (!r.body) return void res.end();
  const reader = r.body.getReader();
  for (let c = await reader.read(); !c.done; c = await reader.read()) res.write(c.value);
  res.end();
}

const guided = (url: string) =>
  url.startsWith('/policies') ||
  url.startsWith('/sampling/') ||
  url.startsWith('/steering/') ||
  url.startsWith('/sae/') ||
  url.startsWith('/behaviors') ||
  url === '/v1/completions';

createServer(async (req, res) => {
  if (req.url === '/__last') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(last));
    return;
  }
  last = req.headers;
  if (req.headers['x-api-key'] !== 'ax_hosted_test_key') {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ detail: 'Invalid API key' }));
    return;
  }
  if (req.url === '/models') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify([
        {
          id: 'h1',
          name: 'gemma-2-2b-it',
          base_url: 'x',
          is_default: true,
          is_active: true,
          created_at: '2026-01-01T00:00:00Z',
          required_auth: false,
          sae_release_id: 'gemma-scope',
        },
      ]),
    );
    return;
  }
  const url = req.url ?? '';
  if (guided(url) || url === '/v1/chat/completions') {
    const body = await readBody(req);
    if (guided(url) || /"(policy|policy_id|steering_vector_id|seed|behavior_names|force_steering)"\s*:/.test(body))
      return forward(req, res, body);

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const words = ['Hello', ' from', ' the', ' hosted', ' stand-in', '.'];
    let i = 0;
    const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gemma-2-2b-it' };
    const t = setInterval(() => {
      if (i < words.length) {
        res.write(
          `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: words[i++] }, finish_reason: null }] })}\n\n`,
        );
      } else {
        clearInterval(t);
        res.write(
          `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 6, total_tokens: 9 } })}\n\n`,
        );
        res.end('data: [DONE]\n\n');
      }
    }, 60);
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ detail: 'not found' }));
}).listen(port, '127.0.0.1', () => console.log(`fake upstream on ${port}`));
