const res = await fetch('http://127.0.0.1:8420/sampling/generate', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    prompt: 'Name and year, It\'s "quoted" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $\' $& %\ntab\there 🦊 line\u2028sep para\u2029sep true false null None %s {content} \'\'\' """ </script>: ',
    method: 'guided-generation',
    max_new_tokens: 24,
    params: { temperature: 0.8, seed: 3 },
    regex_pattern: '^[A-Z][a-z]+ [0-9]{4}$|\'"\\$',
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

console.log(JSON.stringify(await res.json(), null, 2));
