const res = await fetch('https://api.axioniclabs.ai/v1/chat/completions', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'your-model-name',
    messages: [{ role: 'user', content: 'Describe a sunset.' }],
    max_tokens: 256,
    steering_vector_id: 'sv_abc123',
    steering_strength: 1.5,
    policy: {
      sampling: { method: 'guided-generation', temperature: 0.2 },
      constraints: { json_mode: true },
    },
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

console.log(JSON.stringify(await res.json(), null, 2));
