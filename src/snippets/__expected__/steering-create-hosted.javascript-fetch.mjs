const res = await fetch('https://api.axioniclabs.ai/steering/generate', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
    'Accept': 'text/event-stream',
  },
  body: JSON.stringify({
    prompts: ['She said, ', 'He said, '],
    positive_answers: ['"Oh! Wonderful!"', '"Upon my word!"'],
    negative_answers: ['"Very well."', '"Quite so."'],
    method: 'caa',
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
