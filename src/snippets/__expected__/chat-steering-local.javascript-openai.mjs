import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const stream = await client.chat.completions.create({
  model: 'austen-mini',
  messages: [{ role: 'user', content: 'How did you like the ball?' }],
  max_tokens: 16,
  temperature: 0.8,
  seed: 1,
  stream: true,
  // Axionic extensions
  steering_vector_id: 'austen-mini/exclamation',
  steering_strength: 1,
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
process.stdout.write('\n');
