const res = await fetch('http://127.0.0.1:8420/sae/generate', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'austen-mini',
    prompt: 'Anne looked up from her letter, and said, ',
    max_new_tokens: 32,
    behavior_names: ['dialogue', 'question'],
    seed: 2,
    include_activations: true,
    top_k_features: 2,
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

// One line per token: its text, then each behavior's score (* inside a drift run).
const scores = (behaviors) =>
  Object.entries(behaviors ?? {})
    .map(([name, r]) => `${name}=${r.score.toFixed(2)}${r.drift ? '*' : ''}`)
    .join(' ');
let result;
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
    if (frame.status === 'token') console.log(`${JSON.stringify(frame.text)}\t${scores(frame.behaviors)}`);
    if (frame.status === 'correction') {
      const cut =
        frame.action === 'regenerate'
          ? `text cut at token ${frame.index}, attempt ${frame.attempt + 1} goes on from there`
          : `from token ${frame.index}, no attempts left: the text is kept`;
      console.log(`-- ${frame.behavior} drifted: ${cut}`);
    }
    if (frame.status === 'error') throw new Error(frame.message);
    if (frame.status === 'complete') result = frame.result;
  }
}
if (!result) throw new Error('The stream ended before the text was complete');
console.log();
console.log(result.text);
for (const b of result.behaviors ?? []) {
  const drift = b.corrected ? `, corrected at token ${b.correction_index}` : b.drift_detected ? ', drift' : '';
  console.log(`${b.name} (${b.mode}): max score ${b.max_score ?? '-'}${drift}`);
}
