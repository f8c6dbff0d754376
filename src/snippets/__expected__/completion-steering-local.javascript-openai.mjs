import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const response = await client.completions.create({
  model: 'austen-mini',
  prompt: 'It is a truth universally acknowledged',
  max_tokens: 16,
  temperature: 0.7,
  seed: 2,
  stream: false,
  // Axionic extensions
  top_k: 40,
  steering_vector_id: 'austen-mini/json',
  steering_strength: -0.5,
});
console.log(response.choices[0].text);
