// POST /sae/generate: SAE-monitored generation on the local model (axionic-api.md §3.5 with the SAE issue's
// decisions). `behavior_names` are monitored: on drift the text is cut where the drift began and regenerated from
// there with the behavior's correction vector at −1 (at most MAX_ATTEMPTS attempts); `force_steering` names apply
// their vector at +1 from the start. Unknown names are 404 before anything streams, listing the behaviors here.
// `Accept: application/json` (or ?stream=false) answers the `complete` frame's result as plain JSON.
import { randomUUID } from 'node:crypto';
import { DEFAULT_GENERATE_METHOD } from '../../protocol/defaults.ts';
import { DEFAULT_SAE_MAX_NEW_TOKENS, type SaeResult } from '../../protocol/sae.ts';
import { behaviorsByName } from '../behaviors/resolve.ts';
import type { ServerDeps } from '../context.ts';
import { buildJob, finishOf, usageOf } from '../job-builder.ts';
import { generationRouteError } from '../openai-stream.ts';
import type { Handlers } from '../register-routes.ts';
import { startJob } from '../run-job.ts';
import { checkDistinct, requireSae, withBehaviors } from '../sae/monitoring.ts';
import { BehaviorTracker } from '../sae/readings.ts';
import { saeStream } from '../sae/sae-stream.ts';
import type { JobResult } from '../worker/job.ts';
import { resolveModel } from './models.ts';

const DEFAULT_TOP_K_FEATURES = 5;

export function saeGenerateHandlers(deps: ServerDeps): Pick<Handlers, 'sae.generate'> {
  /** Latent labels by index (for token frames' features). */
  const labels = deps.saeFeatures ? new Map(deps.saeFeatures.features.map((f) => [f.index, f.label])) : undefined;
  return {
    'sae.generate': async (c, body) => {
      try {
        const model = resolveModel(deps, body.model, c.get('apiKey'));
        const sae = requireSae(deps);
        const monitorNames = body.behavior_names ?? [];
        const forcedNames = body.force_steering ?? [];
        checkDistinct(monitorNames, forcedNames);
        const monitor = behaviorsByName(deps, monitorNames, 'behavior_names');
        const forced = behaviorsByName(deps, forcedNames, 'force_steering');
        const method = body.sampling_method ?? DEFAULT_GENERATE_METHOD;
        // older SDKs sent auto_correct; false asks for monitoring without correction (report only)
        const correct = body.auto_correct !== false;
        const job = withBehaviors(
          deps,
          buildJob(
            { ...body, sampling_method: method, max_tokens: body.max_new_tokens },
            {
              prompts: [body.prompt],
              defaultMaxTokens: DEFAULT_SAE_MAX_NEW_TOKENS,
              vocabSize: deps.model.vocabSize,
            },
          ),
          {
            monitor,
            forced,
            correct,
            topKFeatures: body.include_activations ? (body.top_k_features ?? DEFAULT_TOP_K_FEATURES) : 0,
          },
        );
        const tracker = new BehaviorTracker(
          monitor.map((b) => ({ name: b.name, threshold: b.scorer.threshold })),
          forced.map((b) => b.name),
          correct,
        );
        const t0 = Date.now();
        const complete = (r: JobResult): SaeResult => {
          const ch = r.choices[0];
          const text = ch?.text ?? '';
          return {
            text,
            output: text,
            model,
            attempts: ch?.attempts ?? 1,
            corrected: tracker.corrected,
            finish_reason: finishOf(ch ?? { finishReason: 'length' }),
            behaviors: tracker.summary(),
            usage: usageOf(r.promptTokens, r.completionTokens),
            latency_ms: Date.now() - t0,
          };
        };
        const run = startJob(deps, job, c.req.raw.signal);
        await run.accepted;
        const wantsJson =
          c.req.query('stream') === 'false' || (c.req.header('accept') ?? '').startsWith('application/json');
        if (wantsJson) {
          for await (const e of run) {
            if (e.type === 'tokens') tracker.tokens(e.tokens);
            else if (e.type === 'correction') tracker.correction(e);
          }
          return c.json(complete(await run.result));
        }
        const started = {
          request_id: `req_${randomUUID()}`,
          model,
          hook: sae.hook,
          sae_release: sae.release,
          max_new_tokens: job.maxTokens,
          behaviors: [
            ...monitor.map((b) => ({ b, mode: 'monitor' as const })),
            ...forced.map((b) => ({ b, mode: 'forced' as const })),
          ].map(({ b, mode }) => ({
            name: b.name,
            behavior_id: b.id,
            mode,
            threshold: b.scorer.threshold,
            steering_vector_id: b.steeringVectorId,
            hook: b.scorer.hook,
          })),
        };
        return saeStream(c, run, { started, monitor, forced, hook: sae.hook, labels, tracker, complete });
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
  };
}
