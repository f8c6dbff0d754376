// A CORS-enabled OpenAI-compatible server on another port, standing in for vLLM or llama.cpp's server for the
// Custom target: GET /v1/models, POST /v1/chat/completions and /v1/completions (streamed or not; no /models, so
// the page falls back to /v1/models). A last user message containing "CUT" makes it stream a few chunks and then
// drop the connection (a server killed mid-stream). It checks the Bearer-or-x-api-key key like the real ones.
import { createServer, type ServerResponse } from 'node:http';

const port = Number(process.env.FAKE_OPENAI_PORT ?? 4319);
const KEY = 'sk-custom-test';
const WORDS =
  'It is a truth universally acknowledged that a single man in possession of a good fortune must be in want of a wife'.split(
    ' ',
  );

function cors(res: ServerResponse, origin: string | undefined): void {
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  res.setHeader('Access-Control-Allow-Headers', 'content-type, x-api-key, authorization');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Vary', 'Origin');
}

createServer((req, res) => {
  cors(res, req.headers.origin);
  if (req.method === 'OPTIONS') {
    res.writeHead(204);
    res.end();
    return;
  }
  const key = (req.headers['x-api-key'] as string | undefined) ?? req.headers.authorization?.replace(/^Bearer /i, '');
  if (key !== KEY) {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }));
    return;
  }
  if (req.method === 'GET' && req.url === '/v1/models') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ id: 'stand-in-7b', object: 'model', owned_by: 'test' }] }));
    return;
  }
  if (req.method !== 'POST' || !req.url?.startsWith('/v1/')) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
    return;
  }
  let raw = '';
  req.on('data', (d) => (raw += d));
  req.on('end', () => {
    const body = JSON.parse(raw || '{}') as {
      messages?: { role: string; content: string }[];
      max_tokens?: number;
      stream?: boolean;
    };
    const chat = req.url === '/v1/chat/completions';
    const last = body.messages?.at(-1)?.content ?? '';
    const cut = last.includes('CUT');
    const n = Math.min(WORDS.length, body.max_tokens ?? WORDS.length);
    const pieces = WORDS.slice(0, n).map((w, i) => (i === 0 ? w : ` ${w}`));
    const base = { id: 'x1', created: 1, model: 'stand-in-7b' };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const text = pieces.join('');
      res.end(
        JSON.stringify(
          chat
            ? {
                ...base,
                object: 'chat.completion',
                choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'length' }],
              }
            : { ...base, object: 'text_completion', choices: [{ index: 0, text, finish_reason: 'length' }] },
        ),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let i = 0;
    const timer = setInterval(() => {
      if (cut && i === 5) {
        clearInterval(timer);
        res.socket?.destroy(); // the server "dies" mid-stream
        return;
      }
      if (i < pieces.length) {
        const piece = pieces[i++] ?? '';
        const choice = chat
          ? { index: 0, delta: { content: piece }, finish_reason: null }
          : { index: 0, text: piece, finish_reason: null };
        res.write(
          `data: ${JSON.stringify({ ...base, object: chat ? 'chat.completion.chunk' : 'text_completion', choices: [choice] })}\n\n`,
        );
        return;
      }
      clearInterval(timer);
      res.end('data: [DONE]\n\n');
    }, 30);
    res.on('close', () => clearInterval(timer));
  });
}).listen(port, '127.0.0.1', () => console.log(`fake OpenAI-compatible server on ${port}`));
