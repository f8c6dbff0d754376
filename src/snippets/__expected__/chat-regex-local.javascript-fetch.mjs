const res = await fetch('http://127.0.0.1:8420/v1/chat/completions', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'austen-mini',
    messages: [{ role: 'user', content: 'In which year was "Pride and Prejudice" published?' }],
    max_tokens: 12,
    seed: 2,
    stop: ['\n'],
    policy: {
      sampling: { method: 'guided-generation', temperature: 0.2, top_k: 40 },
      constraints: { regex_pattern: '1[0-9]{3}' },
      verifiers: { enabled: ['regex'], repair_on_failure: true },
    },
    stream: false,
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

console.log(JSON.stringify(await res.json(), null, 2));
