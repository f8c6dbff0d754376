// The /policies routes over HTTP with the real model: saved policies survive a restart; an inline policy with the
// seed page's schema is accepted with a parseable output and a trace; verifiers pass and fail for named reasons;
// repair regenerates under the verifier's schema; best-of-n picks the highest score; budgets are enforced; bad
// policies are refused naming the field path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
let auth: Record<string, string>;

beforeAll(async () => {
  s = await startTestServer({ workers: 1, maxQueue: 4 }, { keepData: true });
  auth = { 'x-api-key': s.key, 'content-type': 'application/json' };
});
afterAll(() => s.close());

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${s.url}${path}`, {
    method,
    headers: auth,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000), // a hang guard only
  });

const SEED_SCHEMA = {
  type: 'object',
  properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
  required: ['topic', 'confidence'],
  additionalProperties: false,
};
const PROMPT = 'Extract the primary topic and confidence from: relayer outage on Osmosis, confidence 0.82';
const EXTRACTION = {
  name: 'strict extraction',
  sampling: { method: 'top-k', temperature: 0.2 },
  constraints: { json_mode: true, json_schema: SEED_SCHEMA },
  verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true },
};

describe('/policies', () => {
  it('save, list, get, delete; a saved policy survives a restart and runs by id', async () => {
    const saved = await (await call('POST', '/policies/save', { policy: { ...EXTRACTION, id: 'pol_extract' } })).json();
    expect(saved).toEqual({ policy_id: 'pol_extract' });
    const other = await (await call('POST', '/policies/save', { policy: { name: 'plain' } })).json();
    expect(other.policy_id).toMatch(/^pol_/);
    const list = await (await call('GET', '/policies')).json();
    expect(list.map((p: { id: string }) => p.id)).toEqual(['pol_extract', other.policy_id]);
    const got = await (await call('GET', '/policies/pol_extract')).json();
    expect(got).toMatchObject({ id: 'pol_extract', sampling: { method: 'top-k', temperature: 0.2, top_k: 50 } });
    expect((await call('DELETE', `/policies/${other.policy_id}`)).status).toBe(200);
    expect((await call('GET', `/policies/${other.policy_id}`)).status).toBe(404);

    // restart on the same data folder
    const dataDir = s.dataDir;
    await s.close();
    s = await startTestServer({ workers: 1, maxQueue: 4, dataDir }, { keepData: true });
    auth = { 'x-api-key': s.key, 'content-type': 'application/json' };
    expect((await (await call('GET', '/policies')).json()).map((p: { id: string }) => p.id)).toEqual(['pol_extract']);
    const run = await (
      await call('POST', '/policies/pol_extract/run', { prompt: PROMPT, max_new_tokens: 120, seed: 3 })
    ).json();
    expect(run).toMatchObject({ accepted: true, policy_id: 'pol_extract', constraints_ok: true, verifier_ok: true });
    expect(Object.keys(JSON.parse(run.output))).toEqual(['topic', 'confidence']);
    // the same run through policy_id on /policies/run, as mechanex sends it (both keys, one null)
    const same = await (
      await call('POST', '/policies/run', {
        prompt: PROMPT,
        policy: null,
        policy_id: 'pol_extract',
        max_new_tokens: 120,
        seed: 3,
      })
    ).json();
    expect(same.output).toBe(run.output);
  });

  it('an inline policy: accepted, parseable, scored, with the trace in the SDK shape', async () => {
    for (const seed of [1, 2]) {
      const r = await (
        await call('POST', '/policies/run', {
          prompt: PROMPT,
          policy: EXTRACTION,
          max_new_tokens: 120,
          include_trace: true,
          seed,
        })
      ).json();
      expect(r.accepted, r.output).toBe(true);
      const v = JSON.parse(r.output);
      expect([typeof v.topic, typeof v.confidence]).toEqual(['string', 'number']);
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.trace).toMatchObject({ policy_name: 'strict extraction', retry_events: [], fallback_from: null });
      expect(r.trace.candidates).toHaveLength(1);
      expect(r.trace.selection).toMatchObject({ output: r.output, sampling_method: 'top-k', round: 0, slot: 0 });
    }
  });

  it('best-of-n picks the highest score; budgets stop spawning and say so', async () => {
    const policy = { ...EXTRACTION, optimization: { best_of_n: 3 } };
    const r = await (
      await call('POST', '/policies/run', { prompt: PROMPT, policy, max_new_tokens: 120, seed: 5 })
    ).json();
    const scores = r.trace.candidates.map((c: { score: number }) => c.score);
    expect(scores).toHaveLength(3);
    expect(r.score).toBe(Math.max(...scores));
    expect(r.trace.selection.slot).toBe(scores.indexOf(Math.max(...scores)));

    const quick = await (
      await call('POST', '/policies/run', {
        prompt: PROMPT,
        policy: { ...policy, objective: { latency_budget_ms: 1 } },
        max_new_tokens: 120,
        seed: 5,
      })
    ).json();
    expect(quick.trace.candidates).toHaveLength(1);
    expect(quick.trace.budget).toEqual({
      spent: true,
      reason: expect.stringMatching(/latency_budget_ms 1 spent after 1 candidate/),
    });

    const frugal = await (
      await call('POST', '/policies/run', {
        prompt: 'It is',
        policy: { optimization: { best_of_n: 4 }, objective: { token_budget: 25 } },
        max_new_tokens: 10,
        seed: 1,
      })
    ).json();
    expect(frugal.tokens).toBeLessThanOrEqual(25);
    expect(frugal.trace.candidates.length).toBeLessThan(4);
    expect(frugal.trace.budget.spent).toBe(true);
  });

  it('verifiers fail for a named reason; repair regenerates under the verifier schema', async () => {
    // a regex constraint that cannot produce what the tool schema asks: tool_args fails, repair regenerates
    const policy = {
      constraints: {
        regex_pattern: '[a-z]{3,8}',
        tool_schema: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
          additionalProperties: false,
        },
      },
      verifiers: { enabled: ['regex', 'tool_args'], repair_on_failure: false, max_retries: 0 },
      optimization: { retry_on_failure: 0 },
    };
    const failed = await (
      await call('POST', '/policies/run', { prompt: 'Weather in ', policy, max_new_tokens: 40, seed: 2 })
    ).json();
    expect(failed).toMatchObject({ accepted: false, score: 0, constraints_ok: true, verifier_ok: false });
    expect(failed.trace.selection.reason).toMatch(/^tool_args: the output is not JSON/);
    const repaired = await (
      await call('POST', '/policies/run', {
        prompt: 'Weather in ',
        policy: { ...policy, verifiers: { ...policy.verifiers, enabled: ['tool_args'], repair_on_failure: true } },
        max_new_tokens: 40,
        seed: 2,
      })
    ).json();
    expect(repaired.accepted).toBe(true);
    expect(repaired.trace.repair).toBe('regenerated');
    expect(Object.keys(JSON.parse(repaired.output))).toEqual(['city']);
  });

  it('refuses what it cannot honour, naming the field path', async () => {
    const cases: [unknown, number, string, RegExp][] = [
      [{ prompt: 'x' }, 400, 'policy', /Provide either policy or policy_id/],
      [{ prompt: 'x', policy: {}, policy_id: 'a' }, 400, 'policy_id', /not both/],
      [{ prompt: 'x', policy_id: 'nope' }, 404, '', /No policy with id 'nope'/],
      [
        { prompt: 'x', policy: { verifiers: { enabled: ['unit_tests'] } } },
        400,
        'policy.verifiers.enabled',
        /cannot run the "unit_tests" verifier/,
      ],
      [
        { prompt: 'x', policy: { steering: { enabled: true } } },
        400,
        'policy.steering.vector_id',
        /enabled steering needs vector_id/,
      ],
      [
        { prompt: 'x', policy: { sampling: { method: 'telepathy' } } },
        400,
        'policy.sampling.method',
        /Unknown method "telepathy"/,
      ],
      [
        { prompt: 'x', policy: { constraints: { regex_pattern: 'a', grammar: 'root ::= "a"' } } },
        400,
        'policy.constraints.grammar',
        /at most one/,
      ],
      [
        { prompt: 'x', policy: { constraints: { json_schema: { not: {} } } } },
        400,
        'policy.constraints.json_schema',
        /not at #\/not/,
      ],
      [{ prompt: 'x', policy: { sampling: { temprature: 1 } } }, 422, 'policy.sampling', /temprature/],
    ];
    for (const [body, status, param, message] of cases) {
      const res = await call('POST', '/policies/run', body);
      const b = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (status === 400) expect(b.error.param).toBe(param);
      expect(status === 422 ? JSON.stringify(b.detail) : b.error.message).toMatch(message);
    }
  });

  it('compare, evaluate and autotune run several policies within their caps', async () => {
    const yesNo = { constraints: { regex_pattern: '(yes|no)' }, verifiers: { enabled: ['regex'] } };
    const cmp = await (
      await call('POST', '/policies/compare', {
        prompt: 'Answer: ',
        policies: [yesNo, { sampling: { method: 'greedy' } }],
        max_new_tokens: 6,
        seed: 1,
      })
    ).json();
    expect(cmp.results).toHaveLength(2);
    expect(cmp.results[0].output).toMatch(/^(yes|no)$/);
    expect(cmp.truncated).toBe(false);

    const ev = await (
      await call('POST', '/policies/evaluate', {
        prompts: ['Answer: ', 'Reply: ', 'So: '],
        policy: yesNo,
        max_new_tokens: 5,
        seed: 2,
      })
    ).json();
    expect(ev).toMatchObject({ num_prompts: 3, pass_count: 3, fail_count: 0, success_rate: 1, truncated: false });
    expect(ev.outputs.every((o: string) => /^(yes|no)$/.test(o))).toBe(true);

    const tune = await (
      await call('POST', '/policies/autotune', {
        prompts: ['It is'],
        base_policy: { constraints: { regex_pattern: '[a-z]{2,5}' }, verifiers: { enabled: ['regex'] } },
        search_space: { 'sampling.temperature': [0.2, 0.8], 'sampling.method': ['top-k', 'greedy'] },
        max_trials: 100,
        max_new_tokens: 6,
        seed: 3,
      })
    ).json();
    expect(tune.trials).toHaveLength(4);
    expect(
      tune.trials.map((t: { policy: { sampling: { temperature: number; method: string } } }) => [
        t.policy.sampling.temperature,
        t.policy.sampling.method,
      ]),
    ).toEqual([
      [0.2, 'top-k'],
      [0.2, 'greedy'],
      [0.8, 'top-k'],
      [0.8, 'greedy'],
    ]);
    expect(tune.best_policy).toEqual(tune.best_trial.policy);
    expect(tune.trials).toContainEqual(tune.best_trial);
    expect(tune.note).toMatch(/capped at 24/);
    const bad = await call('POST', '/policies/autotune', {
      prompts: ['x'],
      base_policy: {},
      search_space: { 'sampling.temprature': [1] },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.param).toMatch(/^search_space\.sampling/);
  });

  it('presets: built-in ones listed, publish, clone into a saved policy', async () => {
    const list = await (await call('GET', '/policies/presets?include_public=true')).json();
    expect(list.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['strict_json_extraction', 'fast_tool_router', 'diverse_chatbot']),
    );
    const pub = await (
      await call('POST', '/policies/presets/publish', {
        name: 'terse',
        policy: { sampling: { method: 'greedy' } },
        tags: ['short'],
      })
    ).json();
    expect(pub.preset_id).toMatch(/^preset_/);
    const mine = await (await call('GET', '/policies/presets?include_public=false')).json();
    expect(mine).toEqual([
      expect.objectContaining({ id: pub.preset_id, name: 'terse', tags: ['short'], visibility: 'private' }),
    ]);
    const cloned = await (await call('POST', `/policies/presets/${pub.preset_id}/clone`)).json();
    const saved = await (await call('GET', `/policies/${cloned.policy_id}`)).json();
    expect(saved.sampling.method).toBe('greedy');
    const builtIn = await (await call('POST', '/policies/presets/preset_strict_json_extraction/clone')).json();
    expect((await call('GET', `/policies/${builtIn.policy_id}`)).status).toBe(200);
    expect((await call('POST', '/policies/presets/nope/clone')).status).toBe(404);
  });

  it('forbidden_terms never appear: 200 seeded candidates alone, and under a regex', async () => {
    const terms = ['e', 'the', 'Mr'];
    let seen = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const r = await (
        await call('POST', '/policies/run', {
          prompt: 'Mr Darcy said the ',
          policy: { constraints: { forbidden_terms: terms }, optimization: { best_of_n: 8 } },
          max_new_tokens: 30,
          seed,
        })
      ).json();
      for (const c of r.trace.candidates) {
        seen++;
        for (const t of terms) expect(c.output.includes(t), c.output).toBe(false);
        expect(c.constraints_ok).toBe(true);
      }
    }
    expect(seen).toBe(200);
    const under = await (
      await call('POST', '/policies/run', {
        prompt: 'Her name: ',
        policy: { constraints: { regex_pattern: '[A-Z][a-z]{3,9}', forbidden_terms: ['e', 'a'] } },
        max_new_tokens: 12,
        seed: 4,
      })
    ).json();
    expect(under.output).toMatch(/^[A-Z][b-df-z]{3,9}$/);
    expect(under.accepted).toBe(true);
    // a constraint every output of which contains a term is refused before generating
    const impossible = await call('POST', '/policies/run', {
      prompt: 'x',
      policy: { constraints: { regex_pattern: '(yes|no)', forbidden_terms: ['y', 'n'] } },
    });
    expect(impossible.status).toBe(400);
    const b = await impossible.json();
    expect(b.error.param).toBe('policy.constraints.forbidden_terms');
    expect(b.error.message).toMatch(/no output of the .* avoids every forbidden term/);
  });

  it('retry rounds run the fallback methods in order; rerank off takes the first accepted candidate', async () => {
    const failing = {
      constraints: {
        regex_pattern: '[a-z]{3,8}',
        tool_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
      verifiers: { enabled: ['tool_args'], repair_on_failure: false, max_retries: 0 },
      optimization: { retry_on_failure: 2, fallback_methods: ['greedy'] },
    };
    const r = await (
      await call('POST', '/policies/run', { prompt: 'Weather in ', policy: failing, max_new_tokens: 20, seed: 2 })
    ).json();
    expect(r.accepted).toBe(false);
    expect(
      r.trace.candidates.map((c: { round: number; sampling_method: string }) => [c.round, c.sampling_method]),
    ).toEqual([
      [0, 'top-k'],
      [1, 'greedy'],
      [2, 'top-k'],
    ]);
    expect(r.trace.retry_events.map((e: { trigger: string }) => e.trigger)).toEqual([
      'accepted=false',
      'accepted=false',
    ]);
    const unknown = await call('POST', '/policies/run', {
      prompt: 'x',
      policy: { optimization: { fallback_methods: ['magic'] } },
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.param).toBe('policy.optimization.fallback_methods');

    const yesNo = { constraints: { regex_pattern: '(yes|no|maybe)' }, optimization: { best_of_n: 3 } };
    const first = await (
      await call('POST', '/policies/run', {
        prompt: 'Answer: ',
        policy: { ...yesNo, verifiers: { rerank: false } },
        max_new_tokens: 5,
        seed: 8,
      })
    ).json();
    expect(first.trace.selection.slot).toBe(0);
  });
});
