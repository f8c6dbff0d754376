// A policy on the OpenAI routes (`policy` or `policy_id`, e.g. through the openai client's `extra_body`): the
// policy runs on the rendered prompt (best-of-n, verifiers, retries as on /policies/run), then the winning output is
// the answer — `message.content` for chat, `text` for completions — with `axionic.policy` carrying
// {policy_id, accepted, score, latency_ms, constraints_ok, verifier_ok} and the trace when `include_trace` is set.
// Streamed, the selected text is sent after selection (the first byte comes late); the concatenated deltas equal
// the returned content. The request's own sampling fields do not apply: the policy's sampling block does; its
// `stop` does (with the chat template's), as on the route without a policy. The policy's steering block is echoed
// in `axionic.steering`; request-level steering beside a policy is refused (it belongs in the block).
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { encode } from '../../engine/tokenizer.ts';
import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { PolicyRunResponse, RuntimePolicy } from '../../protocol/policy.ts';
import type { AppEnv, ServerDeps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { usageOf } from '../job-builder.ts';
import { openaiStream } from '../openai-stream.ts';
import { policyOf, withPolicyPath } from '../routes/policies.ts';
import { asksRequestSteering, type RequestSteeringFields } from '../steering/apply.ts';
import { planPolicy } from './policy-plan.ts';
import { type PolicyRunInput, runPolicy, singleCandidate } from './run-policy.ts';

export interface PolicyFields extends RequestSteeringFields {
  readonly policy?: RuntimePolicy | null;
  readonly policy_id?: string | null;
  readonly include_trace?: boolean | null;
  readonly max_tokens?: number | null;
  readonly seed?: number | null;
  readonly stream?: boolean | null;
}

/** The request-level steering field a request sets (for the error that refuses it beside a policy). */
const steeringParam = (b: RequestSteeringFields) =>
  b.steering_vector_id ? 'steering_vector_id' : b.steering_vector ? 'steering_vector' : 'steering_strength';

export const hasPolicy = (b: PolicyFields) => (b.policy ?? undefined) !== undefined || !!b.policy_id;

const outcome = (r: PolicyRunResponse, trace: boolean) => ({
  ...(r.steering ? { steering: r.steering } : {}),
  policy: {
    policy_id: r.policy_id ?? null,
    accepted: r.accepted,
    score: r.score,
    latency_ms: r.latency_ms,
    constraints_ok: r.constraints_ok,
    verifier_ok: r.verifier_ok,
    ...(trace ? { trace: r.trace ?? null } : {}),
  },
});

/** Runs the request's policy and answers in the route's OpenAI shape (throws ApiError for a bad policy). */
export async function policyAnswer(
  deps: ServerDeps,
  c: Context<AppEnv>,
  body: PolicyFields,
  o: {
    readonly kind: 'chat' | 'completion';
    readonly prompt: string;
    readonly model: string;
    readonly stop: readonly string[];
  },
): Promise<Response> {
  const chosen = policyOf(deps, body);
  if (asksRequestSteering(body))
    throw new ApiError(
      400,
      'invalid_request_error',
      `with a policy, steering goes in the policy's steering block (enabled, vector_id, strength), not in ${steeringParam(body)}`,
      { code: 'invalid_value', param: steeringParam(body) },
    );
  const trace = body.include_trace === true;
  const input = {
    prompt: o.prompt,
    policy: chosen.policy,
    at: chosen.at,
    policyId: chosen.id,
    maxNewTokens: body.max_tokens ?? DEFAULT_MAX_TOKENS.openai,
    seed: body.seed ?? undefined,
    includeTrace: trace,
    extraStop: o.stop,
  };
  // the plan also checks the policy here, so a bad one is a 400 before the stream is chosen
  if (body.stream && singleCandidate(chosen.policy, planPolicy(chosen.policy, chosen.at)))
    return streamSingle(deps, c, input, o, trace);
  let r: PolicyRunResponse;
  try {
    r = await runPolicy(deps, input, c.req.raw.signal);
  } catch (e) {
    throw withPolicyPath(e, chosen.at);
  }
  const created = Math.floor(Date.now() / 1000);
  const usage = usageOf(encode(o.prompt).length, r.tokens);
  const axionic = outcome(r, trace);
  const finish = 'stop' as const;
  if (o.kind === 'chat') {
    const id = `chatcmpl-${randomUUID()}`;
    if (!body.stream)
      return c.json({
        id,
        object: 'chat.completion',
        created,
        model: o.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: r.output }, finish_reason: finish, logprobs: null },
        ],
        usage,
        axionic,
      });
    const base = { id, object: 'chat.completion.chunk', created, model: o.model };
    return openaiStream(c.req.raw.signal, async (s) => {
      s.send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
      if (r.output) s.send({ ...base, choices: [{ index: 0, delta: { content: r.output }, finish_reason: null }] });
      s.send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }], usage, axionic });
    });
  }
  const id = `cmpl-${randomUUID()}`;
  if (!body.stream)
    return c.json({
      id,
      object: 'text_completion',
      created,
      model: o.model,
      choices: [{ index: 0, text: r.output, finish_reason: finish, logprobs: null }],
      usage,
      axionic,
    });
  const base = { id, object: 'text_completion', created, model: o.model };
  return openaiStream(c.req.raw.signal, async (s) => {
    if (r.output) s.send({ ...base, choices: [{ index: 0, text: r.output, finish_reason: null, logprobs: null }] });
    s.send({ ...base, choices: [{ index: 0, text: '', finish_reason: finish, logprobs: null }], usage, axionic });
  });
}

/**
 * A single-candidate policy, streamed as it generates: the response starts once the worker has accepted the job (a
 * bad policy or constraint is still a 400 before any byte), the deltas are the candidate's text as it comes, and
 * the last chunk carries usage and axionic.policy. The candidate's text is the answer, so the deltas add up to it.
 */
async function streamSingle(
  deps: ServerDeps,
  c: Context<AppEnv>,
  input: PolicyRunInput,
  o: { readonly kind: 'chat' | 'completion'; readonly prompt: string; readonly model: string },
  trace: boolean,
): Promise<Response> {
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let accept!: () => void;
  const accepted = new Promise<void>((res) => {
    accept = res;
  });
  const done = runPolicy(
    deps,
    {
      ...input,
      onAccepted: accept,
      onText: (t) => {
        queue.push(t);
        wake?.();
      },
    },
    c.req.raw.signal,
  );
  let finished = false;
  const ended = done.then(
    () => {},
    () => {},
  );
  void ended.then(() => {
    finished = true;
    wake?.();
  });
  try {
    await Promise.race([accepted, done]);
  } catch (e) {
    throw withPolicyPath(e, input.at);
  }
  const created = Math.floor(Date.now() / 1000);
  const chat = o.kind === 'chat';
  const base = chat
    ? { id: `chatcmpl-${randomUUID()}`, object: 'chat.completion.chunk', created, model: o.model }
    : { id: `cmpl-${randomUUID()}`, object: 'text_completion', created, model: o.model };
  const piece = (text: string, finish: 'stop' | null = null) =>
    chat
      ? { ...base, choices: [{ index: 0, delta: finish ? {} : { content: text }, finish_reason: finish }] }
      : { ...base, choices: [{ index: 0, text, finish_reason: finish, logprobs: null }] };
  return openaiStream(c.req.raw.signal, async (s) => {
    if (chat)
      s.send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    for (;;) {
      while (queue.length) s.send(piece(queue.splice(0).join('')));
      if (finished) break;
      await new Promise<void>((res) => {
        wake = res;
      });
      wake = undefined;
    }
    const r = await done;
    s.send({ ...piece('', 'stop'), usage: usageOf(encode(o.prompt).length, r.tokens), axionic: outcome(r, trace) });
  });
}
