import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'https://api.axioniclabs.ai/v1' });

const response = await client.chat.completions.create({
  model: 'your-model-name',
  messages: [{ role: 'user', content: 'Describe a sunset.' }],
  max_tokens: 256,
  // Axionic extensions
  steering_vector_id: 'sv_abc123',
  steering_strength: 1.5,
  policy: {
    sampling: { method: 'guided-generation', temperature: 0.2 },
    constraints: { json_mode: true },
  },
});
const data = JSON.parse(response.choices[0].message.content);
console.log(JSON.stringify(data, null, 2));
