import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const response = await client.completions.create({
  model: 'austen-mini',
  prompt: 'Anne looked up from her letter, and said, ',
  max_tokens: 24,
  seed: 2,
  stream: false,
  // Axionic extensions
  behavior_names: ['dialogue'],
  force_steering: ['exclamation'],
});
console.log(response.choices[0].text);
// axionic.behaviors: one summary per behavior (max score, drift, correction)
for (const b of response.axionic?.behaviors ?? []) {
  const drift = b.corrected ? ', corrected' : b.drift_detected ? ', drift' : '';
  console.log(`${b.name} (${b.mode}): max score ${b.max_score ?? '-'}${drift}`);
}
