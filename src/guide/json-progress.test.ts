// The streaming-JSON scanner: every prefix of real documents (compact, pretty-printed, with escapes), checked
// against invariants and against the paths recorded while writing each document; chunked reading equals reading
// at once; and specific expectations, with the human line.
import { describe, expect, it } from 'vitest';
import { createProgressScanner, describeProgress, type JsonProgress, jsonProgress } from './json-progress.ts';

type Path = (string | number)[];

/** A serialisation that records where each value and each key begins (ASCII-only strings when `ascii`). */
function layout(value: unknown, o: { indent: number; ascii: boolean }) {
  let text = '';
  const values: { at: number; path: Path; kind: 'object' | 'array' | 'scalar' }[] = [];
  const keys: { at: number; end: number; parent: Path; key: string }[] = [];
  const quote = (s: string) =>
    o.ascii
      ? JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      : JSON.stringify(s);
  const nl = (level: number) => (o.indent > 0 ? `\n${' '.repeat(o.indent * level)}` : '');
  const write = (v: unknown, path: Path, level: number): void => {
    const kind = Array.isArray(v) ? 'array' : typeof v === 'object' && v !== null ? 'object' : 'scalar';
    values.push({ at: text.length, path, kind });
    if (Array.isArray(v)) {
      text += '[';
      v.forEach((x, i) => {
        text += (i > 0 ? ',' : '') + nl(level + 1);
        write(x, [...path, i], level + 1);
      });
      text += `${v.length > 0 ? nl(level) : ''}]`;
    } else if (kind === 'object') {
      text += '{';
      Object.entries(v as Record<string, unknown>).forEach(([k, x], i) => {
        text += (i > 0 ? ',' : '') + nl(level + 1);
        const at = text.length;
        text += quote(k);
        keys.push({ at, end: text.length, parent: path, key: k });
        text += o.indent > 0 ? ': ' : ':';
        write(x, [...path, k], level + 1);
      });
      text += `${Object.keys(v as object).length > 0 ? nl(level) : ''}}`;
    } else text += typeof v === 'string' ? quote(v) : JSON.stringify(v);
  };
  write(value, [], 0);
  return { text, values, keys };
}

const DOCUMENTS: readonly unknown[] = [
  { topic: 'relayer outage', confidence: 0.82 },
  {
    title: 'A tale, {of} [brackets], "quotes" and \\ backslashes',
    characters: [
      { name: 'Elizabeth', age: 20, tags: ['wit', 'walks'], spouse: null },
      { name: 'Darcy', age: 28, tags: [], rich: true, 'odd "key"': { 'a\\b': [[], {}, [1, [2, [3]]]] } },
      { name: 'Zoë 🐝', notes: 'line\nbreak\ttab', scores: [-1.5e3, 0, 12.25] },
    ],
    empty: {},
    nothing: [],
    ключ: false,
  },
  [1, 'two', [3, { four: 4 }], { five: [5] }, null, true, false],
];

const LAYOUTS = [
  { indent: 0, ascii: false },
  { indent: 2, ascii: false },
  { indent: 0, ascii: true },
] as const;

const bracketsIn = (open: string) => open.split(' ').filter((b) => b !== '').length;

describe('every prefix of real documents', () => {
  for (const [d, doc] of DOCUMENTS.entries())
    for (const o of LAYOUTS)
      it(`document ${d}, indent ${o.indent}${o.ascii ? ', ASCII escapes' : ''}`, () => {
        const { text, values, keys } = layout(doc, o);
        expect(JSON.parse(text)).toEqual(doc);
        const at = (n: number) => jsonProgress(text.slice(0, n));
        for (let n = 0; n <= text.length; n++) {
          const p = at(n);
          expect(p.depth, text.slice(0, n)).toBe(bracketsIn(p.open));
          expect(p.path.length).toBeLessThanOrEqual(p.depth);
          expect(p.complete, text.slice(0, n)).toBe(n === text.length);
          expect(/^[{[]( [{[])*$|^$/.test(p.open)).toBe(true);
          if (p.currentKey !== undefined) expect(p.path[p.path.length - 1]).toBe(p.currentKey);
        }
        // at the first character of each value: its path (an array adds its first index)
        for (const v of values) {
          const p = at(v.at + 1);
          if (v.at + 1 === text.length) continue;
          expect(p.path, text.slice(0, v.at + 1)).toEqual(v.kind === 'array' ? [...v.path, 0] : v.path);
          const enclosing = v.path.length + (v.kind === 'scalar' ? 0 : 1);
          expect(p.depth).toBe(enclosing);
          expect(p.inString).toBe(text[v.at] === '"');
        }
        // keys: begun (empty so far), then whole, decoded
        for (const k of keys) {
          const begun = at(k.at + 1);
          expect(begun.inString).toBe(true);
          expect(begun.currentKey).toBe('');
          expect(begun.path).toEqual([...k.parent, '']);
          const whole = at(k.end);
          expect(whole.inString).toBe(false);
          expect(whole.currentKey).toBe(k.key);
          expect(whole.path).toEqual([...k.parent, k.key]);
        }
      });
});

describe('chunked reading', () => {
  it('equals reading each prefix at once, whatever the chunk sizes', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (const doc of DOCUMENTS) {
      const { text } = layout(doc, { indent: 2, ascii: true });
      const s = createProgressScanner();
      let n = 0;
      while (n < text.length) {
        const k = Math.min(text.length, n + 1 + rand(9));
        const p: JsonProgress = s.push(text.slice(n, k));
        n = k;
        expect(p).toEqual(jsonProgress(text.slice(0, n)));
        expect(s.progress()).toEqual(p);
      }
    }
  });
});

describe('specific expectations', () => {
  it('a key inside an array of objects, in a string value', () => {
    const p = jsonProgress('{"characters": [{"name": "Ali');
    expect(p).toEqual({
      depth: 3,
      path: ['characters', 0, 'name'],
      open: '{ [ {',
      inString: true,
      currentKey: 'name',
      complete: false,
    });
    expect(describeProgress(p)).toBe('{ › "characters" › [0] › "name"');
  });

  it('counts array indexes and resets the key after a comma', () => {
    const p = jsonProgress('{"characters": [{"name": "A"}, {}, {"name": "C", ');
    expect(p.path).toEqual(['characters', 2]);
    expect(p.currentKey).toBeUndefined();
    expect(describeProgress(p)).toBe('{ › "characters" › [2]');
    expect(describeProgress(jsonProgress('{"characters": [{}, {}, {"na'))).toBe('{ › "characters" › [2] › "na"');
    expect(jsonProgress('[1, 2, 3').path).toEqual([2]);
    expect(jsonProgress('[[1, 2], [').path).toEqual([1, 0]);
  });

  it('brackets, commas and colons inside strings are text', () => {
    const p = jsonProgress('{"a": "x, {y}: [z]\\"');
    expect(p).toMatchObject({ depth: 1, open: '{', inString: true, path: ['a'], complete: false });
    expect(jsonProgress('{"a": "x, {y}: [z]\\""}').complete).toBe(true);
  });

  it('decodes escapes in keys: quotes, backslashes, \\u', () => {
    expect(jsonProgress('{"a\\"b\\\\c\\u00e9\\n": 1').currentKey).toBe('a"b\\cé\n');
    expect(jsonProgress('{"\\ud83d\\udc1d": ').currentKey).toBe('🐝');
    expect(jsonProgress('{"ab\\u00').currentKey).toBe('ab');
  });

  it('keeps the last key while its value is written and after it', () => {
    expect(jsonProgress('{"a": {"b": 1').path).toEqual(['a', 'b']);
    expect(jsonProgress('{"a": {"b": 1}').path).toEqual(['a']);
    expect(jsonProgress('{"a": {"b": 1}').currentKey).toBe('a');
    expect(jsonProgress('{"a": [').currentKey).toBeUndefined();
  });

  it('a whole value closed at the top level is complete; trailing whitespace keeps it so', () => {
    expect(jsonProgress('{"a": [1, {"b": null}]}').complete).toBe(true);
    expect(jsonProgress('{"a": [1, {"b": null}]}\n  ').complete).toBe(true);
    expect(jsonProgress('  {').complete).toBe(false);
    expect(describeProgress(jsonProgress('[]'))).toBe('complete');
  });

  it('top-level scalars: strings and literals when written out, numbers once something follows', () => {
    expect(jsonProgress('"ab').complete).toBe(false);
    expect(jsonProgress('"ab"').complete).toBe(true);
    expect(jsonProgress('tru').complete).toBe(false);
    expect(jsonProgress('true').complete).toBe(true);
    expect(jsonProgress('null').complete).toBe(true);
    expect(jsonProgress('-12.5').complete).toBe(false);
    expect(jsonProgress('-12.5 ').complete).toBe(true);
    expect(jsonProgress('- ').complete).toBe(false);
  });

  it('nothing yet: depth 0 and an empty line', () => {
    const p = jsonProgress(' \n');
    expect(p).toEqual({ depth: 0, path: [], open: '', inString: false, complete: false });
    expect(describeProgress(p)).toBe('');
  });

  it('a stray closing bracket is passed over', () => {
    expect(jsonProgress('{"a": ]').open).toBe('{');
    expect(jsonProgress('[}').open).toBe('[');
  });
});
