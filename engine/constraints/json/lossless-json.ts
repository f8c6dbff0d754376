// A JSON parser that keeps each number's text as written (`12345.0` stays `12345.0`), for re-serialising test
// instances without changing their content; strings and keys are decoded as JSON.parse decodes them.
export type LosslessJson =
  | { readonly t: 'lit'; readonly text: 'true' | 'false' | 'null' }
  | { readonly t: 'num'; readonly text: string }
  | { readonly t: 'str'; readonly value: string }
  | { readonly t: 'arr'; readonly items: readonly LosslessJson[] }
  | { readonly t: 'obj'; readonly entries: readonly (readonly [string, LosslessJson])[] };

export function parseLossless(text: string): LosslessJson {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at ${i}`);
  };
  const str = (): string => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings
    const m = /^"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/.exec(text.slice(i));
    if (!m) return fail('bad string');
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const value = (): LosslessJson => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, LosslessJson][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { t: 'obj', entries };
      }
      for (;;) {
        ws();
        const k = str();
        ws();
        if (text[i++] !== ':') fail('expected :');
        entries.push([k, value()]);
        ws();
        const d = text[i++];
        if (d === '}') return { t: 'obj', entries };
        if (d !== ',') fail('expected , or }');
      }
    }
    if (c === '[') {
      i++;
      const items: LosslessJson[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { t: 'arr', items };
      }
      for (;;) {
        items.push(value());
        ws();
        const d = text[i++];
        if (d === ']') return { t: 'arr', items };
        if (d !== ',') fail('expected , or ]');
      }
    }
    if (c === '"') return { t: 'str', value: str() };
    for (const l of ['true', 'false', 'null'] as const)
      if (text.startsWith(l, i)) {
        i += l.length;
        return { t: 'lit', text: l };
      }
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return { t: 'num', text: m[0] };
  };
  const v = value();
  ws();
  if (i !== text.length) fail('trailing characters');
  return v;
}

/** A lossless tree of a parsed JavaScript value (numbers written as JSON.stringify writes them). */
export function fromValue(v: unknown): LosslessJson {
  if (v === null || v === true || v === false) return { t: 'lit', text: String(v) as 'true' | 'false' | 'null' };
  if (typeof v === 'number') return { t: 'num', text: JSON.stringify(v) };
  if (typeof v === 'string') return { t: 'str', value: v };
  if (Array.isArray(v)) return { t: 'arr', items: v.map(fromValue) };
  return { t: 'obj', entries: Object.entries(v as object).map(([k, x]) => [k, fromValue(x)]) };
}
