const res = await fetch('http://127.0.0.1:8420/v1/chat/completions', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'austen-mini',
    messages: [
      { role: 'system', content: 'Extract the message into a typed JSON object.' },
      { role: 'user', content: 'Relayer outage on Osmosis, confidence 0.82' },
    ],
    max_tokens: 72,
    seed: 4,
    policy: {
      sampling: { method: 'guided-generation', temperature: 0.2, top_p: 0.9 },
      constraints: {
        json_mode: true,
        json_schema: {
          type: 'object',
          properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
          required: ['topic', 'confidence'],
          additionalProperties: false,
        },
      },
      verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true },
    },
    stream: true,
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

const reader = res.body.getReader();
const decoder = new TextDecoder();
let buffer = '';
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  buffer += decoder.decode(value, { stream: true });
  const lines = buffer.split('\n');
  buffer = lines.pop();
  for (const line of lines) if (line.startsWith('data:')) console.log(line.slice(5).trim());
}
