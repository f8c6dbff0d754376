const res = await fetch('http://127.0.0.1:8420/steering/generate', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
    'Accept': 'text/event-stream',
  },
  body: JSON.stringify({
    prompts: ['Emma heard the news. ', 'Mr. Collins bowed. ', 'Anne\'s letter came. '],
    positive_answers: [
      '"Good heavens! How shocking!"',
      '"My dear cousin! What an honour!"',
      '"Oh! $HOME at last!"',
    ],
    negative_answers: [
      '"That is surprising," she said.',
      '"I am obliged," he said.',
      '"It is `home`," she said.',
    ],
    layer_idxs: [3, 5],
    method: 'caa',
    name: 'exclamatory "mine" $HOME',
    model: 'austen-mini',
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

let vectorId;
const reader = res.body.getReader();
const decoder = new TextDecoder();
let buffer = '';
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  buffer += decoder.decode(value, { stream: true });
  const lines = buffer.split('\n');
  buffer = lines.pop();
  for (const line of lines) {
    if (!line.startsWith('data:')) continue;
    const frame = JSON.parse(line.slice(5));
    if (frame.status === 'processing') console.log(`${frame.progress}% ${frame.message}`);
    if (frame.status === 'error') throw new Error(frame.message);
    if (frame.status === 'complete') vectorId = frame.result.steering_vector_id;
  }
}
if (!vectorId) throw new Error('The stream ended before the vector was complete');
console.log(vectorId);
