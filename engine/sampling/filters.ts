// The registry of sampling filters, in the order they run. A new filter is one file plus one entry here.
import type { SamplingFilter } from './filter.ts';
import { minP } from './min-p.ts';
import { temperature } from './temperature.ts';
import { topK } from './top-k.ts';
import { topP } from './top-p.ts';
import { typicalP } from './typical-p.ts';

export const SAMPLING_FILTERS: readonly SamplingFilter[] = [temperature, topK, topP, minP, typicalP];
