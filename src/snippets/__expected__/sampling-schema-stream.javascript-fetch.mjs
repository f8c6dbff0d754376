const res = await fetch('http://127.0.0.1:8420/sampling/generate', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'austen-mini',
    prompt: 'Extract the primary topic and confidence from: relayer outage on Osmosis, confidence 0.82\n',
    method: 'guided-generation',
    max_new_tokens: 72,
    params: { temperature: 0.2, top_p: 0.9, seed: 4 },
    json_schema: {
      type: 'object',
      properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
      required: ['topic', 'confidence'],
      additionalProperties: false,
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
