// JavaScript source literals for JSON values: single-quoted strings (Biome style) and pretty objects and arrays.

/** A start column that makes every value fit: renders it on one line. */
export const ONE_LINE = Number.NEGATIVE_INFINITY;
const WIDTH = 100;
const INDENT = '  ';

/** A single-quoted JS string literal; control characters, U+2028/U+2029 and lone surrogates are escaped. */
export function jsString(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) out += `\\u${c.toString(16)}`;
    else out += ch;
  }
  return `${out}'`;
}

/** An object key: bare when it is an identifier, else a string literal. */
export function jsKey(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : jsString(k);
}

/** A JS literal for a JSON value; `col` is the column it starts at, used to decide when to break lines. */
export function jsLiteral(v: unknown, col = 0, indent = ''): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a JSON number: ${v}`);
    return JSON.stringify(v);
  }
  if (typeof v === 'string') return jsString(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => (x === undefined ? null : x));
    const flat = `[${items.map((x) => jsLiteral(x, ONE_LINE)).join(', ')}]`;
    if (items.length === 0 || col + flat.length <= WIDTH) return flat;
    const inner = indent + INDENT;
    return `[\n${items.map((x) => `${inner}${jsLiteral(x, inner.length, inner)},\n`).join('')}${indent}]`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    const flat = `{ ${entries.map(([k, x]) => `${jsKey(k)}: ${jsLiteral(x, ONE_LINE)}`).join(', ')} }`;
    if (col + flat.length <= WIDTH) return flat;
    return `{\n${jsProperties(entries, indent + INDENT)}${indent}}`;
  }
  throw new Error(`not a JSON value: ${typeof v}`);
}

/** `key: value,` lines at the given indent, one per entry (for object literals the caller opens and closes). */
export function jsProperties(entries: readonly (readonly [string, unknown])[], indent: string): string {
  return entries
    .map(([k, x]) => {
      const head = `${indent}${jsKey(k)}: `;
      return `${head}${jsLiteral(x, head.length, indent)},\n`;
    })
    .join('');
}
