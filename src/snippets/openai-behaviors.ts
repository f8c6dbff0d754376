// How the OpenAI-client snippets print the behavior readings of a /v1 request that names behaviors (behavior_names
// or force_steering in extra_body / the params object). The readings ride beside the choices in `axionic`, which
// both SDKs keep: the JavaScript one returns the JSON as it is, the Python one keeps unknown fields on its models
// (read with getattr). A stream prints its text as it comes, then one line per behavior with its score at each
// token (`*` inside a drift run); an answer prints its text, then one line per behavior of axionic.behaviors.

/** Python: the stream loop printing `piece` of each chunk, then the scores per behavior. */
export const pyStreamWithScores = (piece: string) => `scores = {}
for chunk in stream:
    if chunk.choices:
        print(chunk.choices[0].${piece}, end="", flush=True)
    # axionic.tokens: [{index, attempt, behaviors: {name: {score, drift}}}]
    for token in (getattr(chunk, "axionic", None) or {}).get("tokens", []):
        for name, r in token["behaviors"].items():
            scores.setdefault(name, []).append(f"{r['score']:.2f}{'*' if r['drift'] else ''}")
print()
# each behavior's score at each token (* inside a drift run)
for name, values in scores.items():
    print(f"{name}: {' '.join(values)}")
`;

/** Python: the summary lines of a whole answer's axionic.behaviors. */
export const PY_BEHAVIOR_SUMMARY = `# axionic.behaviors: one summary per behavior (max score, drift, correction)
for b in (getattr(response, "axionic", None) or {}).get("behaviors", []):
    drift = ", corrected" if b.get("corrected") else ", drift" if b.get("drift_detected") else ""
    print(f"{b['name']} ({b['mode']}): max score {b.get('max_score', '-')}{drift}")
`;

/** JavaScript: the stream loop printing `piece` of each chunk, then the scores per behavior. */
export const jsStreamWithScores = (piece: string) => `const scores = {};
for await (const chunk of stream) {
  process.stdout.write(${piece});
  // axionic.tokens: [{index, attempt, behaviors: {name: {score, drift}}}]
  for (const token of chunk.axionic?.tokens ?? []) {
    for (const [name, r] of Object.entries(token.behaviors)) {
      (scores[name] ??= []).push(\`\${r.score.toFixed(2)}\${r.drift ? '*' : ''}\`);
    }
  }
}
process.stdout.write('\\n');
// each behavior's score at each token (* inside a drift run)
for (const [name, values] of Object.entries(scores)) console.log(\`\${name}: \${values.join(' ')}\`);
`;

/** JavaScript: the summary lines of a whole answer's axionic.behaviors. */
export const JS_BEHAVIOR_SUMMARY = `// axionic.behaviors: one summary per behavior (max score, drift, correction)
for (const b of response.axionic?.behaviors ?? []) {
  const drift = b.corrected ? ', corrected' : b.drift_detected ? ', drift' : '';
  console.log(\`\${b.name} (\${b.mode}): max score \${b.max_score ?? '-'}\${drift}\`);
}
`;
