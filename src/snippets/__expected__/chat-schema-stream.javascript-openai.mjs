import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const stream = await client.chat.completions.create({
  model: 'austen-mini',
  messages: [
    { role: 'system', content: 'Extract the message into a typed JSON object.' },
    { role: 'user', content: 'Relayer outage on Osmosis, confidence 0.82' },
  ],
  max_tokens: 72,
  seed: 4,
  stream: true,
  // Axionic extensions
  policy: {
    sampling: { method: 'guided-generation', temperature: 0.2, top_p: 0.9 },
    constraints: {
      json_mode: true,
      json_schema: {
        type: 'object',
        properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
        required: ['topic', 'confidence'],
        additionalProperties: false,
      },
    },
    verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true },
  },
});
let text = '';
for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
const data = JSON.parse(text);
console.log(JSON.stringify(data, null, 2));
