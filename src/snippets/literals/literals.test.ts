// The literal renderers, checked by the real interpreters: every hostile string and JSON value must come back
// unchanged from bash, python3 and node.
import { describe, expect, it } from 'vitest';
import { HOSTILE } from '../testing/fixtures.ts';
import { runProcess } from '../testing/run-code.ts';
import { jsLiteral, jsProperties, jsString } from './js-literal.ts';
import { pyKwargs, pyLiteral, pyString } from './python-literal.ts';
import { shellQuote, shellSingleQuote, shellWord } from './shell-quote.ts';

const STRINGS = [
  HOSTILE,
  '',
  "'",
  "''",
  '"',
  '\\',
  '\\\\n',
  '$HOME',
  `\${HOME}`,
  '`whoami`',
  '$(whoami)',
  '!!',
  '!$',
  'a b',
  '%',
  '%s %d %%',
  '*',
  '~',
  '-n',
  'line\nbreak\r\n',
  '\ttab',
  '🦊',
  'a\u2028b\u2029c',
  'true',
  'false',
  'null',
  'None',
  '\u0001\u001f\u007f\u0085\u00a0\ufeff',
  '\'\'\'"""',
  '</script>',
  '{content}',
  'é ñ ü 中文',
  'http://127.0.0.1:8420/v1/chat/completions?x=1&y=2',
];

const MESSAGES = STRINGS.map((content, i) => ({ role: i % 2 ? 'user' : 'assistant', content }));

const VALUES: unknown[] = [
  ...STRINGS,
  0,
  -2,
  0.1,
  1e-7,
  1e21,
  -0.25,
  true,
  false,
  null,
  [],
  {},
  [true, false, null, 'null', 1.5],
  { '96': -100, '0': 5, 'a-b': 1, class: 'x', $x: 'y', '': 'empty', 'has space': [] },
  { messages: MESSAGES },
  { deep: { deeper: { deepest: [[[{ x: 'long '.repeat(40) }]]] } } },
  'lone \ud800 surrogate',
];

const env = { ...process.env, PYTHONUTF8: '1' };

describe('shell quoting', () => {
  it.each([
    ['shellSingleQuote', shellSingleQuote],
    ['shellQuote', shellQuote],
    ['shellWord', shellWord],
  ] as const)('%s: bash reads every string back unchanged', async (_name, quote) => {
    const words = STRINGS.filter((s) => !s.includes('\0'));
    const r = await runProcess('bash', ['-c', `printf '%s\\0' ${words.map(quote).join(' ')}`], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(words);
  });

  it('leaves plain words bare and uses double quotes only where nothing expands', () => {
    expect(shellWord('http://127.0.0.1:8420/v1/completions')).toBe('http://127.0.0.1:8420/v1/completions');
    expect(shellWord('a b')).toBe('"a b"');
    expect(shellQuote('x-api-key: ax_123')).toBe('"x-api-key: ax_123"');
    expect(shellQuote('x-api-key: $KEY')).toBe("'x-api-key: $KEY'");
    expect(shellSingleQuote("it's")).toBe("'it'\\''s'");
  });
});

describe('Python literals', () => {
  it('python3 reads every value back unchanged (json.dumps of the literal)', async () => {
    const src = `import json, sys\nvalues = [\n${VALUES.map((v) => `    ${pyLiteral(v, 4, '    ')},\n`).join('')}]\nsys.stdout.write(json.dumps(values))\n`;
    const r = await runProcess('python3', ['-c', src], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(VALUES);
  });

  it('keyword arguments round-trip through dict(...)', async () => {
    const entries: [string, unknown][] = [
      ['messages', MESSAGES],
      ['stop', ["'", '\n', '🦊']],
      ['stream', true],
      ['user', null],
    ];
    const src = `import json\nprint(json.dumps(dict(\n${pyKwargs(entries, '    ')})))\n`;
    const r = await runProcess('python3', ['-c', src], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(Object.fromEntries(entries));
  });

  it('writes True/False/None and breaks long values over lines', () => {
    expect(pyLiteral([true, false, null])).toBe('[True, False, None]');
    expect(pyLiteral({ a: 'x' })).toBe('{"a": "x"}');
    expect(pyString('a\u2028b')).toBe('"a\u2028b"');
    expect(pyLiteral({ a: 'x'.repeat(100) })).toBe(`{\n    "a": "${'x'.repeat(100)}",\n}`);
  });
});

describe('JavaScript literals', () => {
  it('node reads every value back unchanged (JSON.stringify of the literal)', async () => {
    const src = `const values = [\n${VALUES.map((v) => `  ${jsLiteral(v, 2, '  ')},\n`).join('')}];\nprocess.stdout.write(JSON.stringify(values));\n`;
    const r = await runProcess(process.execPath, ['--input-type=module', '-e', src], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(VALUES);
  });

  it('object properties round-trip, including keys that are not identifiers', async () => {
    const entries: [string, unknown][] = [
      ['model', "it's"],
      ['96', -100],
      ['a-b', { c: [1, `\`\${x}\``] }],
    ];
    const src = `process.stdout.write(JSON.stringify({\n${jsProperties(entries, '  ')}}));\n`;
    const r = await runProcess(process.execPath, ['--input-type=module', '-e', src], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(Object.fromEntries(entries));
  });

  it('uses single quotes and escapes what a reader could misread', () => {
    expect(jsString("it's")).toBe("'it\\'s'");
    expect(jsString('a\u2028b\n')).toBe("'a\\u2028b\\n'");
    expect(jsString('🦊')).toBe("'🦊'");
    expect(jsLiteral({ a: 1, 'b-c': null })).toBe("{ a: 1, 'b-c': null }");
  });
});
