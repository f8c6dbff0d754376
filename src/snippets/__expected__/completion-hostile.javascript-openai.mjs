import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.AXIONIC_API_KEY, baseURL: 'http://127.0.0.1:8420/v1' });

const response = await client.completions.create({
  model: 'austen-mini',
  prompt: 'It\'s "quoted" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $\' $& %\ntab\there 🦊 line\u2028sep para\u2029sep true false null None %s {content} \'\'\' """ </script>',
  max_tokens: 16,
  temperature: 0,
  stop: '$HOME',
  logprobs: 2,
  echo: false,
  presence_penalty: 0.5,
  frequency_penalty: -0.25,
  // Axionic extensions
  sampling_method: 'typical',
  typical_p: 0.8,
});
console.log(response.choices[0].text);
