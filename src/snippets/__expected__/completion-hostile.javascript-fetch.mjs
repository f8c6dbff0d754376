const res = await fetch('http://127.0.0.1:8420/v1/completions', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'austen-mini',
    prompt: 'It\'s "quoted" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $\' $& %\ntab\there 🦊 line\u2028sep para\u2029sep true false null None %s {content} \'\'\' """ </script>',
    max_tokens: 16,
    temperature: 0,
    stop: '$HOME',
    logprobs: 2,
    echo: false,
    sampling_method: 'typical',
    typical_p: 0.8,
    presence_penalty: 0.5,
    frequency_penalty: -0.25,
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

console.log(JSON.stringify(await res.json(), null, 2));
