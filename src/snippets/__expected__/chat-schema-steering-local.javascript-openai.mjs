import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const response = await client.chat.completions.create({
  model: 'austen-mini',
  messages: [{ role: 'user', content: 'Were you pleased? Answer as JSON.' }],
  max_tokens: 24,
  seed: 5,
  stream: false,
  // Axionic extensions
  policy: {
    sampling: { method: 'guided-generation', temperature: 0.2 },
    constraints: {
      json_mode: true,
      json_schema: {
        type: 'object',
        properties: { excited: { type: 'boolean' } },
        required: ['excited'],
        additionalProperties: false,
      },
    },
    verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true },
    steering: { enabled: true, vector_id: 'austen-mini/json', strength: 1 },
  },
});
const data = JSON.parse(response.choices[0].message.content);
console.log(JSON.stringify(data, null, 2));
