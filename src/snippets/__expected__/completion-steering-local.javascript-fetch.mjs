const res = await fetch('http://127.0.0.1:8420/v1/completions', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'austen-mini',
    prompt: 'It is a truth universally acknowledged',
    max_tokens: 16,
    temperature: 0.7,
    top_k: 40,
    seed: 2,
    steering_vector_id: 'austen-mini/json',
    steering_strength: -0.5,
    stream: false,
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

console.log(JSON.stringify(await res.json(), null, 2));
