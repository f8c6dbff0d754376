const res = await fetch('http://127.0.0.1:8420/v1/completions', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'austen-mini',
    prompt: 'Is the sea salty? Answer: ',
    max_tokens: 8,
    seed: 1,
    policy_id: 'pol_5e0c2a9b7d14f3a86b21',
    include_trace: true,
    stream: false,
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

console.log(JSON.stringify(await res.json(), null, 2));
