import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const response = await client.chat.completions.create({
  model: 'austen-mini',
  messages: [{ role: 'user', content: 'In which year was "Pride and Prejudice" published?' }],
  max_tokens: 12,
  seed: 2,
  stop: ['\n'],
  stream: false,
  // Axionic extensions
  policy: {
    sampling: { method: 'guided-generation', temperature: 0.2, top_k: 40 },
    constraints: { regex_pattern: '1[0-9]{3}' },
    verifiers: { enabled: ['regex'], repair_on_failure: true },
  },
});
console.log(response.choices[0].message.content);
