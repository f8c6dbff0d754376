const res = await fetch('http://127.0.0.1:8420/v1/chat/completions', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'austen-mini',
    messages: [
      {
        role: 'user',
        content: 'It\'s "quoted" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $\' $& %\ntab\there 🦊 line\u2028sep para\u2029sep true false null None %s {content} \'\'\' """ </script>',
      },
    ],
    max_tokens: 16,
    seed: 3,
    stream: true,
    stream_options: { include_usage: true },
    stop: null,
    logprobs: true,
    top_logprobs: 2,
    sampling_method: 'min-p',
    steering_vector_id: null,
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
