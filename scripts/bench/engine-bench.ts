// Engine figures: the pinned workload (a 200-character prompt, then 1,000 generated characters, one stream),
// repeated; reports medians plus memory over the process baseline.
import { loadavg } from 'node:os';
import { generate } from '../../engine/generate.ts';
import { loadModel, modelPath } from '../../engine/node/load-model.ts';
import { EOS_ID } from '../../engine/tokenizer.ts';

// exactly 200 characters
export const PROMPT = (
  'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a ' +
  'wife. However little known the feelings or views of such a man may be on his first entering a neighbourhood'
).slice(0, 200);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function engineBench(path = modelPath(), runs = 5) {
  const rss0 = process.memoryUsage().rss;
  const model = loadModel(path);
  const session = model.newSession();
  const firstTokenMs: number[] = [];
  const decodeRates: number[] = [];
  let chars = 0;
  for (let r = 0; r < runs + 1; r++) {
    const t0 = performance.now();
    let tFirst = 0;
    let n = 0;
    const it = generate(model, session, {
      prompt: PROMPT,
      maxTokens: 1000,
      seed: r,
      sampling: { temperature: 0.8, topP: 0.95, logitBias: new Map([[EOS_ID, -100]]) },
    });
    for (;;) {
      const x = await it.next();
      if (x.done) break;
      if (n === 0) tFirst = performance.now();
      n++;
    }
    const tEnd = performance.now();
    if (r === 0) continue; // warm-up
    chars = n;
    firstTokenMs.push(tFirst - t0);
    decodeRates.push(((n - 1) / (tEnd - tFirst)) * 1000);
  }
  const rss1 = process.memoryUsage().rss;
  return {
    workload: `prompt ${PROMPT.length} chars + ${chars} generated chars, 1 stream, median of ${runs}`,
    decode_chars_per_s: Math.round(median(decodeRates)),
    first_token_ms: Number(median(firstTokenMs).toFixed(2)),
    rss_mb: Number((rss1 / 2 ** 20).toFixed(1)),
    model_rss_over_baseline_mb: Number(((rss1 - rss0) / 2 ** 20).toFixed(1)),
    wasm_memory_mb: Number((model.arena.k.memory.buffer.byteLength / 2 ** 20).toFixed(1)),
    load_avg: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
}
