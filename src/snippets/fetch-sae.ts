// How a fetch snippet prints /sae/generate's answer. Streamed: one line per token frame (its text as a JSON string,
// then each behavior's score, `*` inside a drift run), a line where a `correction` frame cut the text (or gave up),
// an `error` frame thrown; then the complete frame's result.text and a line per behavior (mode, max score, drift or
// correction). Not streamed (Accept: application/json): the result's text and the same lines per behavior.
import { readLines } from './fetch-sse.ts';

/** The result's text, then one line per behavior of its summary. */
const PRINT_RESULT = `console.log(result.text);
for (const b of result.behaviors ?? []) {
  const drift = b.corrected ? \`, corrected at token \${b.correction_index}\` : b.drift_detected ? ', drift' : '';
  console.log(\`\${b.name} (\${b.mode}): max score \${b.max_score ?? '-'}\${drift}\`);
}
`;

export const PRINT_SAE_RESULT = `const result = await res.json();\n${PRINT_RESULT}`;

export const READ_SAE_FRAMES = `// One line per token: its text, then each behavior's score (* inside a drift run).
const scores = (behaviors) =>
  Object.entries(behaviors ?? {})
    .map(([name, r]) => \`\${name}=\${r.score.toFixed(2)}\${r.drift ? '*' : ''}\`)
    .join(' ');
let result;
${readLines(`{
    if (!line.startsWith('data:')) continue;
    const frame = JSON.parse(line.slice(5));
    if (frame.status === 'token') console.log(\`\${JSON.stringify(frame.text)}\\t\${scores(frame.behaviors)}\`);
    if (frame.status === 'correction') {
      const cut =
        frame.action === 'regenerate'
          ? \`text cut at token \${frame.index}, attempt \${frame.attempt + 1} goes on from there\`
          : \`from token \${frame.index}, no attempts left: the text is kept\`;
      console.log(\`-- \${frame.behavior} drifted: \${cut}\`);
    }
    if (frame.status === 'error') throw new Error(frame.message);
    if (frame.status === 'complete') result = frame.result;
  }`)}if (!result) throw new Error('The stream ended before the text was complete');
console.log();
${PRINT_RESULT}`;
