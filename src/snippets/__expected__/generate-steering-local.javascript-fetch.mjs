const res = await fetch('http://127.0.0.1:8420/generate', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'austen-mini',
    prompt: 'Emma said, ',
    max_tokens: 20,
    temperature: 0.9,
    top_p: 0.9,
    sampling_method: 'top-p',
    seed: 3,
    steering_vector_id: 'austen-mini/exclamation',
    steering_strength: 1.5,
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
