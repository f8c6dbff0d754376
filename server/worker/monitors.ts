// The monitor kinds a worker compiles (compile-job.ts MONITOR_COMPILERS): `sae` — the per-token SAE monitor
// (engine/sae/monitor.ts) over the served model's SAE, scoring the job's behaviors on one encoding per token.

import { EngineInputError } from '../../engine/errors.ts';
import { type BehaviorModelJson, behaviorScorer } from '../../engine/sae/behavior.ts';
import { SaeMonitor } from '../../engine/sae/monitor.ts';
import { MONITOR_COMPILERS } from './compile-job.ts';
import type { MonitorSpec } from './job.ts';
import { saeAt } from './sae-cache.ts';

/** The SAE monitor's spec: where the SAE is, the behaviors to score, and how many latents to list per token. */
export interface SaeMonitorSpec extends MonitorSpec {
  readonly kind: 'sae';
  readonly saePath: string;
  readonly behaviors: readonly BehaviorModelJson[];
  /** 0: no features in the side data. */
  readonly topKFeatures: number;
}

export function registerMonitors(): void {
  MONITOR_COMPILERS.set('sae', (spec, model) => {
    const s = spec as SaeMonitorSpec;
    const sae = saeAt(s.saePath);
    if (sae.d !== model.cfg.dModel)
      throw new EngineInputError('monitors', `the SAE reads width ${sae.d}; the model's is ${model.cfg.dModel}`);
    const scorers = s.behaviors.map((b) => {
      if (b.hook !== sae.hook)
        throw new EngineInputError('behavior_names', `behavior ${b.name} reads ${b.hook}; the SAE reads ${sae.hook}`);
      return behaviorScorer(b);
    });
    return new SaeMonitor(sae, scorers, s.topKFeatures, s.name);
  });
}
