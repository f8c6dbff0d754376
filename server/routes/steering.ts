// The /steering/vectors routes and POST /steering/generate.
//
// /steering/generate (mechanex's generate_vectors): the request is checked whole before any byte is sent (400 naming
// the field: a method other than caa / few-shot, empty or mismatched lists, an empty answer, a pair longer than the
// context, an unknown layer, too much text), then a worker computes CAA at each requested layer
// (engine/steering/from-examples.ts) while `processing` frames report its steps — tokenize, extract (per example),
// optimize (the difference of means and the leave-one-out AUC), save — and the one `complete` frame carries
// `steering_vector_id`. `few-shot` (mechanex's default) is computed the same way and the result says so
// (method "caa", method_requested "few-shot", a note). The vector is stored in SQLite as, per layer, the unit
// direction × the layer's mean residual norm on a neutral text (server/steering/neutral.ts), the raw norm reported.
//
// Built-in vectors (the model's steering/ folder) are listed and downloadable, never relabelled or deleted (403).
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { downloadForm, layerKey } from '../../engine/steering/vector.ts';
import { encode } from '../../engine/tokenizer.ts';
import {
  LOCAL_STEERING_METHODS,
  MAX_STEERING_CHARS,
  MAX_STEERING_PAIRS,
  type SteeringGenerateFrame,
  type SteeringGenerateRequest,
  type SteeringGenerateResult,
  type steeringSteps,
} from '../../protocol/steering.ts';
import { listBehaviors } from '../behaviors/resolve.ts';
import type { AppEnv, ServerDeps } from '../context.ts';
import { QueueFullError } from '../engine-pool.ts';
import { ApiError, notFound, respondError } from '../errors.ts';
import { generationRouteError } from '../openai-stream.ts';
import type { Handlers } from '../register-routes.ts';
import { toApiError } from '../run-job.ts';
import { sseResponse } from '../sse.ts';
import type { KnownVector } from '../steering/built-ins.ts';
import { findVector, isBuiltIn, itemOf, listVectors } from '../steering/catalog.ts';
import { neutralText } from '../steering/neutral.ts';
import { newVectorId } from '../steering/vector-store.ts';
import type { ExtractResult, ExtractTask } from '../worker/job.ts';
import { resolveModel } from './models.ts';

type SteeringRoutes =
  | 'steering.generate'
  | 'steering.vectors.list'
  | 'steering.vectors.download'
  | 'steering.vectors.download-built-in'
  | 'steering.vectors.label'
  | 'steering.vectors.delete'
  | 'steering.vectors.bulk-delete';

const bad = (param: string, message: string) =>
  new ApiError(400, 'invalid_request_error', message, { code: 'invalid_value', param });

const readOnly = (id: string, param: string | null = null) =>
  new ApiError(
    403,
    'permission_denied',
    `'${id}' is a built-in vector of the model: built-ins are read-only (compute your own with POST /steering/generate)`,
    { code: 'read_only', param },
  );

const FEW_SHOT_NOTE =
  'method "few-shot" was computed as "caa" (the difference of means at the answer positions): the local runtime has ' +
  'no few-shot optimiser. The vector is what a caa request gives for the same pairs.';

export interface Extraction {
  readonly task: ExtractTask;
  readonly layers: readonly number[];
  readonly methodRequested: string;
  readonly note: string | null;
}

/** Checks a /steering/generate body whole (400 naming the field) and makes the worker's task. */
export function planExtraction(deps: ServerDeps, body: SteeringGenerateRequest): Extraction {
  const method = (body.method ?? 'caa').trim().toLowerCase();
  if (!(LOCAL_STEERING_METHODS as readonly string[]).includes(method))
    throw bad(
      'method',
      `method "${body.method}" has no local implementation: use "caa" (or "few-shot", which is computed as caa and says so)`,
    );
  const { prompts, positive_answers: pos } = body;
  const neg = body.negative_answers;
  if (prompts.length === 0) throw bad('prompts', 'prompts: give at least one prompt (one per contrast pair)');
  if (prompts.length > MAX_STEERING_PAIRS)
    throw bad('prompts', `prompts: at most ${MAX_STEERING_PAIRS} pairs per vector (got ${prompts.length})`);
  if (pos.length === 0) throw bad('positive_answers', 'positive_answers: give one answer per prompt');
  if (neg == null || neg.length === 0)
    throw bad('negative_answers', 'negative_answers: caa needs one negative answer per prompt');
  for (const [field, list] of [
    ['positive_answers', pos],
    ['negative_answers', neg],
  ] as const)
    if (list.length !== prompts.length)
      throw bad(field, `${field} has ${list.length} items but prompts has ${prompts.length}: one answer per prompt`);
  const ctx = deps.model.ctx;
  let chars = 0;
  let differ = false;
  for (const [i, prompt] of prompts.entries()) {
    const p = Math.max(1, encode(prompt).length);
    const answers = [
      ['positive_answers', pos[i] ?? ''],
      ['negative_answers', neg[i] ?? ''],
    ] as const;
    for (const [field, a] of answers) {
      const n = encode(a).length;
      if (n === 0) throw bad(`${field}[${i}]`, `${field}[${i}]: an answer needs at least one character`);
      if (p + n > ctx)
        throw bad(
          `${field}[${i}]`,
          `${field}[${i}]: prompts[${i}] + the answer is ${p + n} characters; the model's context is ${ctx}: shorten the prompt or the answer`,
        );
      chars += p + n;
    }
    if (encode(pos[i] ?? '').join() !== encode(neg[i] ?? '').join()) differ = true;
  }
  if (chars > MAX_STEERING_CHARS)
    throw bad('prompts', `the pairs hold ${chars} characters in all; at most ${MAX_STEERING_CHARS} per vector`);
  if (!differ) throw bad('negative_answers', 'negative_answers: every pair has the same positive and negative answer');
  const nLayer = deps.model.nLayer;
  const requested = body.layer_idxs?.length ? body.layer_idxs : [Math.floor(nLayer / 2)];
  for (const l of requested)
    if (!Number.isInteger(l) || l < 0 || l >= nLayer)
      throw bad('layer_idxs', `layer_idxs: layer ${l} does not exist: the model has layers 0–${nLayer - 1}`);
  const layers = [...new Set(requested)];
  const tuning = (
    ['fewshot_iterations', 'fewshot_lr', 'refine_lr', 'refine_steps', 'sparsity_threshold'] as const
  ).filter((f) => body[f] !== undefined && body[f] !== null);
  const notes = [
    method === 'few-shot' ? FEW_SHOT_NOTE : null,
    tuning.length ? `${tuning.join(', ')} apply to the hosted optimiser only and were not used.` : null,
  ].filter((n): n is string => n !== null);
  return {
    task: {
      pairs: prompts.map((prompt, i) => ({ prompt, positive: pos[i] ?? '', negative: neg[i] ?? '' })),
      hooks: layers.map((l) => `blocks.${l}.hook_resid_pre`),
      neutral: neutralText(),
    },
    layers,
    methodRequested: method,
    note: notes.length ? notes.join(' ') : null,
  };
}

/** Stores a worker's CAA vector as a user vector (also used by POST /behaviors/create for a correction vector). */
export function storeExtracted(
  deps: ServerDeps,
  r: ExtractResult,
  model: string,
  meta: { name?: string | null; label?: string | null; category?: string | null; note: string | null },
): KnownVector & { readonly createdAt: string } {
  const id = newVectorId();
  const aucs = r.layers.map((l) => l.auc).filter((a): a is number => a !== null);
  const v = {
    id,
    name: meta.name || id,
    label: meta.label ?? null,
    method: 'caa',
    model,
    layers: r.layers.map((l) => ({ hook: l.hook, direction: [...l.direction], scale: l.scale, rawNorm: l.rawNorm })),
    builtIn: false,
    category: meta.category ?? null,
    createdAt: new Date().toISOString(),
    description: null,
    separationAuc: aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : null,
    note: meta.note,
    evidence: null,
    storagePath: `sqlite:steering_vectors/${id}`,
  } satisfies KnownVector;
  deps.store.vectors.save(v);
  return v;
}

/** Stores the worker's vector and answers what /steering/generate returns. */
function save(
  deps: ServerDeps,
  body: SteeringGenerateRequest,
  plan: Extraction,
  r: ExtractResult,
  model: string,
): SteeringGenerateResult {
  const v = storeExtracted(deps, r, model, { ...body, note: plan.note });
  const { id, separationAuc: separation, createdAt } = v;
  const byKey = <T>(f: (l: ExtractResult['layers'][number]) => T) =>
    Object.fromEntries(r.layers.map((l) => [layerKey(l.hook), f(l)]));
  return {
    steering_vector_id: id,
    name: v.name,
    label: v.label,
    category: v.category,
    method: 'caa',
    method_requested: plan.methodRequested === 'caa' ? null : plan.methodRequested,
    model_name: model,
    layers: [...plan.layers],
    nodes: r.layers.map((l) => l.hook),
    norms: byKey((l) => l.rawNorm),
    scales: byKey((l) => l.scale),
    created_at: createdAt,
    separation_auc: separation,
    separation_auc_by_layer: byKey((l) => l.auc),
    pairs: plan.task.pairs.length,
    positions: r.positions,
    note: plan.note,
  };
}

type Step = (typeof steeringSteps)[number];

async function generateVector(deps: ServerDeps, c: Context<AppEnv>, body: SteeringGenerateRequest): Promise<Response> {
  const model = resolveModel(deps, body.model, c.get('apiKey'));
  const plan = planExtraction(deps, body);
  const signal = c.req.raw.signal;
  const progress: { done: number; total: number }[] = [];
  let wake: (() => void) | undefined;
  let settled = false;
  let running: Promise<ExtractResult>;
  try {
    running = deps.pool.extract(plan.task, {
      signal,
      onEvent: (e) => {
        if (e.type !== 'progress') return;
        progress.push(e);
        wake?.();
      },
    });
  } catch (e) {
    if (e instanceof QueueFullError)
      throw new ApiError(429, 'rate_limit_exceeded', e.message, {
        headers: { 'Retry-After': String(e.retryAfterSeconds) },
      });
    throw e;
  }
  const result = running.then(
    (r) => r,
    (e: unknown) => {
      throw toApiError(e);
    },
  );
  result
    .finally(() => {
      settled = true;
      wake?.();
    })
    .catch(() => {});
  const wantsJson = c.req.query('stream') === 'false' || (c.req.header('accept') ?? '').startsWith('application/json');
  if (wantsJson) return c.json(save(deps, body, plan, await result, model));

  return sseResponse(
    async (s) => {
      const send = (f: SteeringGenerateFrame) => s.send(f, f.status);
      const step = (st: Step, progressPct: number, message: string) =>
        send({ status: 'processing', step: st, progress: Math.round(progressPct), message });
      send({
        status: 'started',
        request_id: `req_${randomUUID()}`,
        model,
        pairs: plan.task.pairs.length,
        layers: [...plan.layers],
      });
      try {
        const total = plan.task.pairs.length * 2;
        step(
          'tokenize',
          5,
          `Checked ${plan.task.pairs.length} pair(s), ${total} examples, for layers ${plan.layers.join(', ')}`,
        );
        for (;;) {
          for (const p of progress.splice(0))
            step('extract', 10 + (75 * p.done) / p.total, `Read the residuals of ${p.done}/${p.total} examples`);
          if (settled) break;
          await new Promise<void>((r) => {
            wake = r;
          });
          wake = undefined;
        }
        const r = await result;
        step('optimize', 90, 'Took the difference of means and its leave-one-out separation');
        const answer = save(deps, body, plan, r, model);
        step('save', 97, `Stored ${answer.steering_vector_id}`);
        send({ status: 'complete', result: answer });
      } catch (e) {
        if (s.signal.aborted) return;
        const err = e instanceof ApiError ? e : new ApiError(500, 'server_error', (e as Error).message);
        send({ status: 'error', message: err.message, code: err.code, http_status: err.status });
      }
    },
    { requestSignal: signal },
  );
}

/** 409 when a behavior corrects with one of these vectors (deleting it would break the behavior), naming them. */
function linkedBehaviors(deps: ServerDeps, ids: readonly string[], param = 'vector_id'): ApiError | undefined {
  const users = listBehaviors(deps).filter((b) => b.steeringVectorId !== null && ids.includes(b.steeringVectorId));
  if (!users.length) return undefined;
  return new ApiError(
    409,
    'invalid_request_error',
    `${param}: the behavior${users.length === 1 ? '' : 's'} ${users.map((b) => `'${b.name}'`).join(', ')} correct${users.length === 1 ? 's' : ''} with this vector: delete ${users.length === 1 ? 'it' : 'them'} first (DELETE /behaviors/{id}); nothing was deleted`,
    { code: 'conflict', param },
  );
}

export function steeringHandlers(deps: ServerDeps): Pick<Handlers, SteeringRoutes> {
  const download = (c: Context<AppEnv>, id: string) => {
    const v = findVector(deps, id);
    if (!v) return respondError(c, notFound(`No steering vector with id '${id}'`));
    return c.json(downloadForm(v));
  };
  return {
    'steering.generate': async (c, body) => {
      try {
        return await generateVector(deps, c, body);
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
    'steering.vectors.list': (c) => c.json(listVectors(deps).map(itemOf)),
    'steering.vectors.download': (c) => download(c, c.req.param('vector_id') ?? ''),
    'steering.vectors.download-built-in': (c) => {
      const id = `${c.req.param('model')}/${c.req.param('name')}`;
      if (!isBuiltIn(deps, id)) return respondError(c, notFound(`No built-in steering vector with id '${id}'`));
      return download(c, id);
    },
    'steering.vectors.label': (c, body) => {
      const id = c.req.param('vector_id') ?? '';
      if (isBuiltIn(deps, id)) return respondError(c, readOnly(id));
      if (!deps.store.vectors.setLabel(id, body.label))
        return respondError(c, notFound(`No steering vector with id '${id}'`));
      return c.json(itemOf(deps.store.vectors.get(id) as KnownVector));
    },
    'steering.vectors.delete': (c) => {
      const id = c.req.param('vector_id') ?? '';
      if (isBuiltIn(deps, id)) return respondError(c, readOnly(id));
      const linked = linkedBehaviors(deps, [id]);
      if (linked) return respondError(c, linked);
      if (!deps.store.vectors.delete(id)) return respondError(c, notFound(`No steering vector with id '${id}'`));
      return c.json({ deleted: true, vector_id: id });
    },
    'steering.vectors.bulk-delete': (c, body) => {
      const builtIn = body.vector_ids.filter((id) => isBuiltIn(deps, id));
      if (builtIn.length)
        return respondError(
          c,
          new ApiError(
            403,
            'permission_denied',
            `vector_ids: ${builtIn.map((id) => `'${id}'`).join(', ')} ${builtIn.length === 1 ? 'is a built-in vector' : 'are built-in vectors'}: built-ins are read-only; nothing was deleted`,
            { code: 'read_only', param: 'vector_ids' },
          ),
        );
      const ids = [...new Set(body.vector_ids)];
      const linked = linkedBehaviors(deps, ids, 'vector_ids');
      if (linked) return respondError(c, linked);
      const deleted = deps.store.vectors.deleteMany(ids);
      return c.json({ deleted: deleted.length, not_found: ids.filter((id) => !deleted.includes(id)) });
    },
  };
}
