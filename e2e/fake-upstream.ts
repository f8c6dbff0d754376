// A stand-in for the hosted Axionic API, for the browser journeys: it answers /models and streams
// /v1/chat/completions, and reports the headers of the last request it saw at GET /__last (test-only).
import { createServer } from 'node:http';

const port = Number(process.env.FAKE_UPSTREAM_PORT ?? 4318);
let last: Record<string, string | string[] | undefined> = {};

createServer((req, res) => {
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
  if (req.url === '/v1/chat/completions') {
    req.resume();
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
