// POST /sampling/generate over HTTP with the real model: constrained outputs are valid (streamed and not), methods
// fall back as documented, hostile constraints are refused by deterministic caps, and the server stays healthy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse, startTestServer } from './testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
let auth: Record<string, string>;

beforeAll(async () => {
  s = await startTestServer({ workers: 1, maxQueue: 4 });
  auth = { 'x-api-key': s.key, 'content-type': 'application/json' };
});
afterAll(() => s.close());

const post = (body: unknown) =>
  fetch(`${s.url}/sampling/generate`, {
    method: 'POST',
    headers: auth,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000), // a hang guard only: every case answers in well under a second
  });

const NAME_YEAR = '^[A-Z][a-z]+ [0-9]{4}$';

describe('POST /sampling/generate', () => {
  it('a regex constraint gives a valid output for several seeds, as JSON', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const res = await post({ prompt: 'Her name and the year: ', regex_pattern: NAME_YEAR, params: { seed } });
      expect(res.status).toBe(200);
      const b = await res.json();
      expect(b.output).toMatch(new RegExp(NAME_YEAR));
      expect(b).toMatchObject({
        method_used: 'guided-generation',
        valid: true,
        validation_error: null,
        fell_back: false,
        constraint: { kind: 'regex', min_chars: 7 },
      });
    }
  });

  it('a GBNF grammar gives a valid output for several seeds, streamed and not', async () => {
    const grammar = 'root ::= item ("; " item){1,3}\nitem ::= [A-Z] [a-z]{1,8} " " [0-9]{1,3}';
    for (const seed of [1, 2, 3, 4]) {
      const b = await (
        await post({ prompt: 'Emma 12; Anne 7; ', grammar, max_new_tokens: 60, params: { seed } })
      ).json();
      expect(b.output).toMatch(/^[A-Z][a-z]{1,8} [0-9]{1,3}(; [A-Z][a-z]{1,8} [0-9]{1,3}){1,3}$/);
      expect(b).toMatchObject({ valid: true, constraint: { kind: 'grammar', min_chars: 10 } });
      const frames = (
        await readSse(await post({ prompt: 'Emma 12; ', grammar, max_new_tokens: 60, params: { seed }, stream: true }))
      ).map((f) => JSON.parse(f.data));
      const done = frames.at(-1);
      expect(done).toMatchObject({ status: 'complete', result: { valid: true } });
      expect(done.result.output).toMatch(/^[A-Z][a-z]+ [0-9]+(; [A-Z][a-z]+ [0-9]+){1,3}$/);
    }
  });

  it('a small budget still closes the grammar: the arithmetic output is complete at max_new_tokens', async () => {
    const grammar = 'root ::= expr\nexpr ::= term ((" + " | " * ") term)*\nterm ::= [0-9]+ | "(" expr ")"';
    for (const seed of [1, 2, 3]) {
      const b = await (await post({ prompt: '(1 + 2) * ', grammar, max_new_tokens: 9, params: { seed } })).json();
      expect(b.valid).toBe(true);
      expect(b.output.length).toBeLessThanOrEqual(9);
    }
  });

  it('streams with stream: true: started, token frames, one complete whose result is the JSON answer', async () => {
    const res = await post({ prompt: 'Answer: ', regex_pattern: '(yes|no|perhaps), [a-z]+', params: { seed: 7 } });
    const json = await res.json();
    const streamed = await readSse(
      await post({ prompt: 'Answer: ', regex_pattern: '(yes|no|perhaps), [a-z]+', params: { seed: 7 }, stream: true }),
    );
    const frames = streamed.map((f) => JSON.parse(f.data));
    expect(frames[0]).toMatchObject({ status: 'started', method: 'guided-generation' });
    const done = frames.at(-1);
    expect(done.status).toBe('complete');
    expect(
      frames
        .filter((f) => f.status === 'token')
        .map((f) => f.text)
        .join(''),
    ).toBe(done.result.output);
    expect(done.result.output).toBe(json.output); // the same seed gives the same run either way
    expect(done.result.valid).toBe(true);
  });

  it('a stop sequence under a constraint ends the output only where it is complete', async () => {
    const res = await post({
      prompt: 'x',
      regex_pattern: '[a-z]+( and [a-z]+)*',
      max_new_tokens: 60,
      params: { seed: 3, stop: [' and'] },
    });
    const b = await res.json();
    expect(b.valid).toBe(true);
    expect(b.output).toMatch(/^[a-z]+( and [a-z]+)*$/);
  });

  it('methods: the local ones run as named, the hosted-only ones fall back to top-p and say so', async () => {
    const greedy = await (await post({ prompt: 'It is', method: 'greedy', max_new_tokens: 12 })).json();
    expect(greedy).toMatchObject({ method_used: 'greedy', fell_back: false, valid: null, constraint: null });
    const ads = await (
      await post({ prompt: 'It is', method: 'ads', max_new_tokens: 12, regex_pattern: '[a-z ]+' })
    ).json();
    expect(ads).toMatchObject({ method_used: 'top-p', fell_back: true, valid: true });
    expect(ads.fallback_reason).toMatch(/"ads" runs only on the hosted runtime/);
    const none = await (await post({ prompt: 'It is', max_new_tokens: 5 })).json();
    expect(none.method_used).toBe('top-p');
  });

  it('refuses what it cannot do, naming the field', async () => {
    const cases: [unknown, number, string, string, RegExp][] = [
      [{ prompt: 'x', method: 'telepathy' }, 400, 'invalid_value', 'method', /Unknown method "telepathy"/],
      [{ prompt: 'x', method: 'guided-generation' }, 400, 'invalid_value', 'method', /needs one of/],
      [{ prompt: 'x', regex_pattern: 'a', grammar: 'root ::= "a"' }, 400, 'invalid_value', 'grammar', /at most one/],
      [{ prompt: 'x', json_schema: { not: {} } }, 400, 'invalid_value', 'json_schema', /not at #/],
      [{ prompt: 'x', best_of_n: 4 }, 400, 'unsupported_parameter', 'best_of_n', /hosted runtime/],
      [
        { prompt: 'x', regex_pattern: '[0-9]{8}', max_new_tokens: 5 },
        400,
        'invalid_value',
        'max_new_tokens',
        /needs at least 8 characters, but max_new_tokens is 5/,
      ],
      [
        { prompt: 'x', regex_pattern: 'a(?=b)' },
        400,
        'invalid_value',
        'regex_pattern',
        /lookarounds such as \(\?=b\) are not supported \(at position 2\)/,
      ],
      [{ prompt: 'x', regex_pattern: '(ab' }, 400, 'invalid_value', 'regex_pattern', /not a valid regular expression/],
      [{ prompt: 'x', params: { temprature: 1 } }, 422, '', 'params', /temprature/],
    ];
    for (const [body, status, code, param, message] of cases) {
      const res = await post(body);
      const b = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (status === 400) {
        expect(b.error.code).toBe(code);
        expect(b.error.param).toBe(param);
        expect(b.error.message).toMatch(message);
      } else expect(JSON.stringify(b.detail)).toMatch(message);
    }
  });

  it('hostile constraints are refused by the caps they exceed; the server keeps answering', async () => {
    const hostile: [unknown, string, RegExp][] = [
      [{ prompt: 'x', regex_pattern: '(a|b)*a(a|b){20}' }, 'regex_pattern', /cap dfaStates/],
      [{ prompt: 'x', regex_pattern: '[a-z]{0,100000}' }, 'regex_pattern', /cap repetitionBound/],
      [
        { prompt: 'x', regex_pattern: `${'('.repeat(20000)}a${')'.repeat(20000)}` },
        'regex_pattern',
        /cap nestingDepth/,
      ],
    ];
    for (const [body, param, cap] of hostile) {
      const res = await post(body);
      const b = await res.json();
      expect(res.status).toBe(400);
      expect(b.error).toMatchObject({ code: 'invalid_value', param });
      expect(b.error.message).toMatch(cap);
    }
    const manyRules = [
      'root ::= r0',
      ...Array.from({ length: 10_000 }, (_, i) => `r${i} ::= "a" r${i + 1} | "b"`),
    ].join('\n');
    const hostileGrammars: [string, RegExp][] = [
      [manyRules, /cap grammarRules/],
      ['root ::= [a-z]{0,100000}', /cap repetitionBound/],
      ['root ::= root "a"', /never derives a finite string/],
      [`root ::= ${'('.repeat(20000)}"a"${')'.repeat(20000)}`, /cap nestingDepth/],
      // so ambiguous that the Earley sets grow past their cap within a few characters (found while generating)
      ['root ::= ("a"? "b"?){0,1000}', /cap earleyItems/],
    ];
    for (const [grammar, cap] of hostileGrammars) {
      const res = await post({ prompt: 'x', grammar });
      const b = await res.json();
      expect(res.status, grammar.slice(0, 40)).toBe(400);
      expect(b.error).toMatchObject({ code: 'invalid_value', param: 'grammar' });
      expect(b.error.message).toMatch(cap);
    }
    const big = await post({ prompt: 'x', regex_pattern: 'a'.repeat(1_100_000) });
    expect(big.status).toBe(413);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
    // and it still generates
    const ok = await post({ prompt: 'x', regex_pattern: '(a+)+b', max_new_tokens: 10 });
    expect((await ok.json()).output).toMatch(/^a+b$/);
  });
});
