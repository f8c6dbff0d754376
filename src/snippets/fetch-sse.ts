// How a fetch snippet reads an event-stream answer: line by line off the body's reader. A run prints each frame's
// `data:` payload as it comes (OpenAI chunks or native status frames); /steering/generate's status frames are read
// instead: each `processing` frame printed as a progress line, an `error` frame thrown, and the new vector's id
// (the `complete` frame's result.steering_vector_id) printed last. (/sae/generate's reader is fetch-sae.ts's.)

/** The read loop, with `handle` as the statement run for each complete `line`. */
export const readLines = (handle: string) => `const reader = res.body.getReader();
const decoder = new TextDecoder();
let buffer = '';
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  buffer += decoder.decode(value, { stream: true });
  const lines = buffer.split('\\n');
  buffer = lines.pop();
  for (const line of lines) ${handle}
}
`;

export const PRINT_FRAMES = readLines("if (line.startsWith('data:')) console.log(line.slice(5).trim());");

export const READ_NEW_VECTOR = `let vectorId;
${readLines(`{
    if (!line.startsWith('data:')) continue;
    const frame = JSON.parse(line.slice(5));
    if (frame.status === 'processing') console.log(\`\${frame.progress}% \${frame.message}\`);
    if (frame.status === 'error') throw new Error(frame.message);
    if (frame.status === 'complete') vectorId = frame.result.steering_vector_id;
  }`)}if (!vectorId) throw new Error('The stream ended before the vector was complete');
console.log(vectorId);
`;
