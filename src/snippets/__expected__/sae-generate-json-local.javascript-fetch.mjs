const res = await fetch('http://127.0.0.1:8420/sae/generate', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'x-api-key': process.env.AXIONIC_API_KEY,
    'Accept': 'application/json',
  },
  body: JSON.stringify({
    model: 'austen-mini',
    prompt: 'Emma said, It\'s "quoted" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $\' $& %\ntab\there 🦊 line\u2028sep para\u2029sep true false null None %s {content} \'\'\' """ </script>',
    max_new_tokens: 24,
    behavior_names: ['dialogue'],
    force_steering: ['exclamation'],
    temperature: 0.8,
    top_p: 0.9,
    top_k: 40,
    seed: 1,
    sampling_method: 'top-p',
  }),
});
if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);

const result = await res.json();
console.log(result.text);
for (const b of result.behaviors ?? []) {
  const drift = b.corrected ? `, corrected at token ${b.correction_index}` : b.drift_detected ? ', drift' : '';
  console.log(`${b.name} (${b.mode}): max score ${b.max_score ?? '-'}${drift}`);
}
