const res = await fetch('http://127.0.0.1:8420/sampling/generate', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    prompt: 'Sum: ',
    max_new_tokens: 30,
    params: { seed: 2 },
    grammar: 'root ::= num (" + " num)*\nnum ::= [1-9] [0-9]{0,2}  # "quoted" $HOME',
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
