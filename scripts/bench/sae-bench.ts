// The cost of SAE monitoring: the same request (the 200-character prompt, 1,000 tokens, temperature 0.8, a fixed
// seed) decoded in this process plain and with the SAE monitor scoring the model's built-in behaviors
// (include_activations off, no correction: the monitor only reads), alternating, `runs` times each; characters per
// second from the first token to the last, medians. Target (SAE issue): monitored ≥ 0.8 × plain with 4 behaviors.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, type StepObserver } from '../../engine/generate.ts';
import { loadModel, modelPath, REPO_ROOT } from '../../engine/node/load-model.ts';
import { behaviorScorer } from '../../engine/sae/behavior.ts';
import { loadSae } from '../../engine/sae/io.ts';
import { SaeMonitor } from '../../engine/sae/monitor.ts';
import { behaviorFileSchema } from '../../server/behaviors/built-ins.ts';
import { PROMPT } from './engine-bench.ts';

const MAX_TOKENS = 1000;
const SEED = 7;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function saeBench(path = modelPath(), runs = 5): Promise<Record<string, unknown>> {
  const dir = join(REPO_ROOT, 'models', 'austen-mini', 'sae');
  const { sae } = loadSae(readFileSync(join(dir, 'sae.safetensors')));
  const files = readdirSync(join(dir, 'behaviors'))
    .filter((f) => f.endsWith('.json') && f !== 'fixtures.json')
    .map((f) => behaviorFileSchema.parse(JSON.parse(readFileSync(join(dir, 'behaviors', f), 'utf8'))));
  const scorers = files.map((f) => behaviorScorer(f.scorer));
  const model = loadModel(path);
  const session = model.newSession();
  const rate = async (observers: StepObserver[]) => {
    const it = generate(model, session, {
      prompt: PROMPT,
      maxTokens: MAX_TOKENS,
      seed: SEED,
      sampling: { temperature: 0.8 },
      observers,
      yieldEveryMs: -1,
    });
    let first = 0;
    let n = 0;
    for (;;) {
      const x = await it.next();
      if (x.done) break;
      if (n === 0) first = performance.now();
      n++;
    }
    return ((n - 1) / (performance.now() - first)) * 1000;
  };
  await rate([]); // warm-up
  const plain: number[] = [];
  const monitored: number[] = [];
  for (let r = 0; r < runs; r++) {
    plain.push(await rate([]));
    monitored.push(await rate([new SaeMonitor(sae, scorers, 0)]));
  }
  const p = median(plain);
  const m = median(monitored);
  return {
    behaviors: files.map((f) => f.name),
    hook: sae.hook,
    tokens: MAX_TOKENS,
    plain_chars_per_s: Math.round(p),
    monitored_chars_per_s: Math.round(m),
    monitored_over_plain: Number((m / p).toFixed(3)),
    target: 0.8,
    runs,
  };
}
