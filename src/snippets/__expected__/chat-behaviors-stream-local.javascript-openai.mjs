import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const stream = await client.chat.completions.create({
  model: 'austen-mini',
  messages: [{ role: 'user', content: 'How did you like the ball?' }],
  max_tokens: 16,
  seed: 1,
  stream: true,
  // Axionic extensions
  behavior_names: ['dialogue', 'question'],
});
const scores = {};
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
  // axionic.tokens: [{index, attempt, behaviors: {name: {score, drift}}}]
  for (const token of chunk.axionic?.tokens ?? []) {
    for (const [name, r] of Object.entries(token.behaviors)) {
      (scores[name] ??= []).push(`${r.score.toFixed(2)}${r.drift ? '*' : ''}`);
    }
  }
}
process.stdout.write('\n');
// each behavior's score at each token (* inside a drift run)
for (const [name, values] of Object.entries(scores)) console.log(`${name}: ${values.join(' ')}`);
