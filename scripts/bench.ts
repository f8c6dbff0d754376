// `npm run bench`: prints the project's speed and memory figures as one JSON object.
import { parseArgs } from 'node:util';
import { engineBench } from './bench/engine-bench.ts';

const { values } = parseArgs({ options: { model: { type: 'string' } } });
const engine = await engineBench(values.model);
console.log(JSON.stringify({ engine }, null, 2));
