import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const response = await client.chat.completions.create({
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
  // Axionic extensions
  min_p: 0.02,
  repetition_penalty: 1.1,
  steering_strength: 0,
});
console.log(response.choices[0].message.content);
