const res = await fetch('http://127.0.0.1:8420/v1/chat/completions', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({ messages: [{ role: 'user', content: 'Hello!' }] }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

console.log(JSON.stringify(await res.json(), null, 2));
