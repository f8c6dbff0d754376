import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const stream = await client.chat.completions.create({
  model: 'austen-mini',
  messages: [
    {
      role: 'user',
      content: 'It\'s "quoted" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $\' $& %\ntab\there 🦊 line\u2028sep para\u2029sep true false null None %s {content} \'\'\' """ </script>',
    },
  ],
  max_tokens: 16,
  seed: 3,
  stream: true,
  stream_options: { include_usage: true },
  stop: null,
  logprobs: true,
  top_logprobs: 2,
  // Axionic extensions
  sampling_method: 'min-p',
  steering_vector_id: null,
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
process.stdout.write('\n');
