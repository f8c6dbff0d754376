const res = await fetch('http://127.0.0.1:8420/v1/chat/completions', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
  },
  body: JSON.stringify({
    model: 'my\'model"$(whoami)',
    messages: [
      {
        role: 'system',
        content: 'It\'s "quoted" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $\' $& %\ntab\there 🦊 line\u2028sep para\u2029sep true false null None %s {content} \'\'\' """ </script>',
      },
      {
        role: 'user',
        content: 'Say It\'s "quoted" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $\' $& %\ntab\there 🦊 line\u2028sep para\u2029sep true false null None %s {content} \'\'\' """ </script>',
      },
      { role: 'assistant', content: 'true' },
      { role: 'user', content: '%' },
    ],
    max_tokens: 16,
    temperature: 0.5,
    seed: 7,
    stop: ['\'$(whoami)\'', '`true`\n\t🦊', 'null\u2028%'],
    stream: false,
    logit_bias: { '0': -5, '96': -100 },
    user: 'null',
    min_p: 0.02,
    repetition_penalty: 1.1,
    steering_strength: 0,
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

console.log(JSON.stringify(await res.json(), null, 2));
