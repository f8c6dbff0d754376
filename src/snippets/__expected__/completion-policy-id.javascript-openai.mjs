import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const response = await client.completions.create({
  model: 'austen-mini',
  prompt: 'Is the sea salty? Answer: ',
  max_tokens: 8,
  seed: 1,
  stream: false,
  // Axionic extensions
  policy_id: 'pol_5e0c2a9b7d14f3a86b21',
  include_trace: true,
});
console.log(response.choices[0].text);
