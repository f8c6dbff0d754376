import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const response = await client.chat.completions.create({
  messages: [{ role: 'user', content: 'Hello!' }],
});
console.log(response.choices[0].message.content);
