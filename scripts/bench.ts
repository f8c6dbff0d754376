// `npm run bench`: prints the project's speed and memory figures as one JSON object (never asserted in tests).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { bundleBench } from './bench/bundle-bench.ts';
import { constraintsBench } from './bench/constraints-bench.ts';
import { engineBench } from './bench/engine-bench.ts';
import { ratiosBench } from './bench/ratios-bench.ts';
import { saeBench } from './bench/sae-bench.ts';
import { saeViewBench } from './bench/sae-view-bench.ts';
import { serverBench } from './bench/server-bench.ts';

const { values } = parseArgs({
  options: { model: { type: 'string' }, only: { type: 'string' }, maskbench: { type: 'string' } },
});
const out: Record<string, unknown> = {};
if (!values.only || values.only === 'engine') out.engine = await engineBench(values.model);
if (!values.only || values.only === 'server') out.server = await serverBench(values.model);
if (!values.only || values.only === 'bundle') out.bundle = bundleBench();
if (!values.only || values.only === 'ratios') out.ratios = await ratiosBench(values.model);
if (!values.only || values.only === 'sae') out.sae = await saeBench(values.model);
if (!values.only || values.only === 'sae-view') out.sae_view = await saeViewBench(values.model);
if (!values.only || values.only === 'constraints')
  out.constraints = await constraintsBench(values.model, 5, values.maskbench);
out.load_avg_after = Number((loadavg()[0] ?? 0).toFixed(2));
console.log(JSON.stringify(out, null, 2));
