import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const stream = await client.chat.completions.create({
  model: 'austen-mini',
  messages: [
    { role: 'system', content: 'You are Miss Austen.' },
    { role: 'user', content: 'Hello, what can you do?' },
  ],
  max_tokens: 24,
  temperature: 0.8,
  seed: 1,
  stream: true,
  // Axionic extensions
  sampling_method: 'top-k',
  top_k: 40,
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
process.stdout.write('\n');
