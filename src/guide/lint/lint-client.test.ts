// The lint client and the worker's service: without a Worker (Node, jsdom) the client answers on this thread with the
// same results as the sync functions; the service keeps the last compile, so new samples and budget changes do not
// compile again; nothing unexpected escapes as a rejection.
import { describe, expect, it } from 'vitest';
import { SEED_SCHEMA } from '../../../engine/constraints/json/fixtures.ts';
import { lintConstraint, sampleInstance } from './lint.ts';
import { lintInWorker, sampleInWorker } from './lint-client.ts';
import { createLintService } from './lint-service.ts';
import type { LintInput } from './types.ts';

const seed: LintInput = { kind: 'json_schema', text: JSON.stringify(SEED_SCHEMA), maxTokens: 120 };

describe('lint client (no Worker here: the same work on this thread)', () => {
  it('answers what the sync functions answer', async () => {
    expect(typeof Worker).toBe('undefined');
    const report = await lintInWorker(seed);
    const { compileMs: _, ...facts } = report.facts ?? { compileMs: 0 };
    const { compileMs: __, ...expected } = lintConstraint(seed).facts ?? { compileMs: 0 };
    expect(report.lints).toEqual([]);
    expect(facts).toEqual(expected);
    expect(await sampleInWorker(seed, 3)).toEqual(sampleInstance(seed, 3));
  });

  it('never rejects: an input that is not even well-formed becomes an error lint', async () => {
    const bad = { kind: 'json_schema', text: undefined, maxTokens: 10 } as unknown as LintInput;
    const report = await lintInWorker(bad);
    expect(report.lints[0]).toMatchObject({ severity: 'error', source: 'compiler' });
    expect((await sampleInWorker(bad, 1)).error).toBeDefined();
  });
});

describe('lint service (what the worker runs)', () => {
  it('answers each request with its id', () => {
    const s = createLintService();
    expect(s.handle({ id: 7, op: 'lint', input: seed })).toMatchObject({ id: 7, report: { lints: [] } });
    expect(s.handle({ id: 8, op: 'sample', input: seed, seed: 1 })).toMatchObject({
      id: 8,
      sample: { text: expect.any(String) },
    });
  });

  it('keeps the last compile: new samples and another budget reuse it, a new text compiles', () => {
    const s = createLintService();
    s.handle({ id: 1, op: 'lint', input: seed });
    const a = s.handle({ id: 2, op: 'sample', input: seed, seed: 1 });
    const b = s.handle({ id: 3, op: 'sample', input: seed, seed: 2 });
    const tight = s.handle({ id: 4, op: 'lint', input: { ...seed, maxTokens: 20 } });
    expect(s.compiles).toBe(1);
    expect(a).not.toEqual(b);
    expect(tight).toMatchObject({ report: { refusal: expect.stringMatching(/^max_new_tokens: /) } });
    s.handle({ id: 5, op: 'lint', input: { ...seed, whitespace: 'compact' } });
    s.handle({ id: 6, op: 'lint', input: { ...seed, text: `${seed.text} ` } });
    expect(s.compiles).toBe(3);
  });

  it('the route is part of the key: the same text compiles again for the other route, with its own words', () => {
    const s = createLintService();
    const tight = { ...seed, maxTokens: 20 };
    const direct = s.handle({ id: 1, op: 'lint', input: tight });
    const policy = s.handle({ id: 2, op: 'lint', input: { ...tight, route: 'policy' } });
    expect(s.compiles).toBe(2);
    expect(direct).toMatchObject({ report: { refusal: expect.stringMatching(/^max_new_tokens: the json_schema /) } });
    expect(policy).toMatchObject({
      report: { refusal: expect.stringMatching(/^max_new_tokens: the policy\.constraints\.json_schema /) },
    });
    // `route: 'direct'` is the default spelled out: the same key
    s.handle({ id: 3, op: 'lint', input: { ...tight, route: 'direct' } });
    s.handle({ id: 4, op: 'lint', input: tight });
    expect(s.compiles).toBe(3);
    const again = s.handle({ id: 5, op: 'lint', input: { ...tight, route: 'direct' } });
    expect('report' in again && again.report.refusal).toBe('report' in direct && direct.report.refusal);
    expect(s.compiles).toBe(3);
  });
});
