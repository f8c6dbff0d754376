import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'https://api.axioniclabs.ai/v1' });

const stream = await client.completions.create({
  model: 'default',
  prompt: [
    'It is a truth',
    '\'It\'s "quoted" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $\' $& %\ntab\there 🦊 line\u2028sep para\u2029sep true false null None %s {content} \'\'\' """ </script>\'',
  ],
  max_tokens: 12,
  stream: true,
  top_p: 0.9,
  n: 1,
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.text ?? '');
process.stdout.write('\n');
