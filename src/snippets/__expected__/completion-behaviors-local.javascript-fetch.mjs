const res = await fetch('http://127.0.0.1:8420/v1/completions', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'austen-mini',
    prompt: 'Anne looked up from her letter, and said, ',
    max_tokens: 24,
    seed: 2,
    behavior_names: ['dialogue'],
    force_steering: ['exclamation'],
    stream: false,
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

console.log(JSON.stringify(await res.json(), null, 2));
