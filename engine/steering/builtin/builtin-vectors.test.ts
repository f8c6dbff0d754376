// The shipped steering vectors of austen-mini (models/austen-mini/steering): the engine applies exactly
// strength × vector at every position of the hook (against the naive reference forward with the vector spliced in by
// hand), strength 0 is bit-identical to no steering, and each card's measurements are reproduced on a short slice.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateText } from '../../generate.ts';
import { GPT } from '../../model.ts';
import { DEFAULT_MODEL, REPO_ROOT } from '../../node/load-model.ts';
import { referenceLogits } from '../../testing/reference-gpt.ts';
import { encode } from '../../tokenizer.ts';
import { loadWeights } from '../../weights.ts';
import { steeringHooks } from '../vector.ts';
import { builtin } from './catalog.ts';
import { projectionAuc, spanResiduals } from './diffmean.ts';
import { hooksFor, steeredSample } from './dose.ts';
import type { ContrastExample } from './sets.ts';
import { mean, spearman } from './stats.ts';

const dir = join(REPO_ROOT, 'models', DEFAULT_MODEL, 'steering');
const weights = loadWeights(readFileSync(join(REPO_ROOT, 'models', DEFAULT_MODEL, 'model.safetensors')));
const model = new GPT(weights);

interface Shipped {
  id: string;
  name: string;
  model: string;
  layers: { hook: string; direction: number[]; scale: number; rawNorm: number }[];
  measurements: {
    auc_heldout: number;
    m: Record<string, number>;
    effect: Record<string, number>;
    control: number;
    se_m0: number;
    se_m0_prompts: number;
    spearman_rho: number;
    fluency_cost: Record<string, number>;
    pass: boolean;
  };
}

interface Slice {
  hook: string;
  auc: number;
  pos: ContrastExample[];
  neg: ContrastExample[];
  prompts: string[];
  seed: number;
  m_plus2: number;
  m_minus2: number;
}

const shipped: Shipped[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Shipped);
const slice = (name: string) => JSON.parse(readFileSync(join(dir, 'evidence', `${name}.slice.json`), 'utf8')) as Slice;

describe('shipped steering vectors', () => {
  it('are there, with stable ids, unit directions and a measured pass', () => {
    expect(shipped.length).toBeGreaterThan(0);
    for (const v of shipped) {
      expect(v.id).toBe(`${DEFAULT_MODEL}/${v.name}`);
      expect(v.model).toBe(DEFAULT_MODEL);
      expect(v.layers).toHaveLength(1);
      const l = v.layers[0] as Shipped['layers'][number];
      expect(l.direction).toHaveLength(model.cfg.dModel);
      expect(Math.hypot(...l.direction)).toBeCloseTo(1, 5);
      expect(l.scale).toBeGreaterThan(0);
      // the targets, recomputed from the recorded figures (not from the recorded booleans)
      const m = v.measurements;
      const needed = 5 * Math.max(m.control, 2 * Math.max(m.se_m0, m.se_m0_prompts));
      expect(m.effect['2']).toBeGreaterThanOrEqual(needed);
      const ss = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
      expect(
        spearman(
          ss,
          ss.map((s) => m.m[String(s)] as number),
        ),
      ).toBeCloseTo(m.spearman_rho, 9);
      expect(m.spearman_rho).toBeGreaterThanOrEqual(0.9);
      expect(m.m['2']).toBeGreaterThan(m.m['0'] as number);
      const target = builtin(v.name).aucTarget;
      if (target !== null) expect(m.auc_heldout).toBeGreaterThanOrEqual(target);
      expect(m.pass).toBe(true);
      // the card shows the same figures
      const card = readFileSync(join(dir, `${v.name}.md`), 'utf8');
      expect(card).toContain(`\`${l.hook}\``);
      expect(card).toContain(m.auc_heldout.toFixed(3));
      expect(card).toContain((m.effect['2'] as number).toFixed(4));
      expect(card).toContain(m.control.toFixed(4));
      expect(card).toContain(m.spearman_rho.toFixed(3));
    }
  });

  it('add exactly strength × scale × direction at every position of their hook (the naive reference agrees)', () => {
    const toks = encode('"My dear Anne," said she, "I');
    for (const v of shipped) {
      const l = v.layers[0] as Shipped['layers'][number];
      const strength = 2;
      // the residual at the hook, captured with and without the vector: the difference is the vector, everywhere
      const capture = (hooks: ReturnType<typeof steeringHooks>) => {
        let rows: Float32Array | undefined;
        const s = model.newSession();
        s.hooks = { steering: hooks, captureAt: [l.hook], capture: (_h, r) => (rows = r) };
        const logits = s.feed(toks, true);
        return { rows: rows as Float32Array, logits };
      };
      const plain = capture([]);
      const steered = capture(steeringHooks(v, strength));
      const C = model.cfg.dModel;
      let worst = 0;
      for (let t = 0; t < toks.length; t++)
        for (let c = 0; c < C; c++) {
          const want = strength * l.scale * (l.direction[c] as number);
          const got = (steered.rows[t * C + c] as number) - (plain.rows[t * C + c] as number);
          worst = Math.max(worst, Math.abs(got - want));
        }
      expect(worst).toBeLessThanOrEqual(1e-5 * l.scale * strength);
      // the reference forward, the vector added by hand at the same hook, gives the same logits
      const ref = referenceLogits(weights.cfg, weights.params, toks, (hook, rs) => {
        if (hook !== l.hook) return;
        for (const r of rs) for (let c = 0; c < C; c++) r[c] = (r[c] ?? 0) + strength * l.scale * (l.direction[c] ?? 0);
      }).flat();
      let diff = 0;
      for (let i = 0; i < ref.length; i++) diff = Math.max(diff, Math.abs((steered.logits[i] ?? 0) - (ref[i] ?? 0)));
      expect(diff).toBeLessThanOrEqual(1e-3);
      // and the steering changed them (the check is not vacuous)
      let moved = 0;
      for (let i = 0; i < ref.length; i++)
        moved = Math.max(moved, Math.abs((steered.logits[i] ?? 0) - (plain.logits[i] ?? 0)));
      expect(moved).toBeGreaterThan(0.1);
    }
  });

  it('at strength 0 are bit-identical to no steering', async () => {
    const v = shipped[0] as Shipped;
    const l = v.layers[0] as Shipped['layers'][number];
    expect(steeringHooks(v, 0)).toEqual([]);
    const o = { prompt: 'It is a truth', maxTokens: 40, seed: 5, sampling: { temperature: 0.8 } };
    const none = await generateText(model, model.newSession(), o);
    const zero = await generateText(model, model.newSession(), { ...o, hooks: { steering: steeringHooks(v, 0) } });
    const explicit = await generateText(model, model.newSession(), {
      ...o,
      hooks: { steering: [{ hook: l.hook, vector: Float32Array.from(l.direction, (x) => x * l.scale), strength: 0 }] },
    });
    expect(zero).toEqual(none);
    expect(explicit).toEqual(none);
    const a = model.newSession().feed(encode(o.prompt), true);
    const s = model.newSession();
    s.hooks = hooksFor(v.layers, 0);
    expect(Buffer.from(s.feed(encode(o.prompt), true).buffer)).toEqual(Buffer.from(a.buffer));
  });

  for (const v of shipped) {
    it(`${v.id}: its card's figures are reproduced on a short slice (held-out AUC, m(±2))`, async () => {
      const sl = slice(v.name);
      const l = v.layers[0] as Shipped['layers'][number];
      expect(sl.hook).toBe(l.hook);
      const r = spanResiduals(model, [...sl.pos, ...sl.neg], [l.hook]);
      const rows = r.get(l.hook) ?? [];
      const auc = projectionAuc(rows.slice(0, sl.pos.length), rows.slice(sl.pos.length), l.direction);
      expect(Math.abs(auc - sl.auc)).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(auc - v.measurements.auc_heldout)).toBeLessThanOrEqual(0.15);
      const target = builtin(v.name).aucTarget;
      if (target !== null) expect(auc).toBeGreaterThanOrEqual(target);
      // m(±2) on the first prompts with the first seed: as recorded, and in the card's direction
      const session = model.newSession();
      const at = async (strength: number) => {
        const xs: number[] = [];
        for (const p of sl.prompts)
          xs.push(
            builtin(v.name).measure(p, await steeredSample(model, session, p, sl.seed, hooksFor(v.layers, strength))),
          );
        return mean(xs);
      };
      const [plus, minus] = [await at(2), await at(-2)];
      const range = Math.abs((v.measurements.m['2'] as number) - (v.measurements.m['-2'] as number));
      expect(Math.abs(plus - sl.m_plus2)).toBeLessThanOrEqual(0.1 * range);
      expect(Math.abs(minus - sl.m_minus2)).toBeLessThanOrEqual(0.1 * range);
      expect(Math.sign(plus - minus)).toBe(
        Math.sign((v.measurements.m['2'] as number) - (v.measurements.m['-2'] as number)),
      );
    });
  }
});
