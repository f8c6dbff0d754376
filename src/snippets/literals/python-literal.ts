// Python source literals for JSON values: None/True/False, double-quoted strings and pretty dicts and lists.

/** A start column that makes every value fit: renders it on one line. */
export const ONE_LINE = Number.NEGATIVE_INFINITY;
const WIDTH = 88;
const INDENT = '    ';

/**
 * A Python string literal. JSON's escapes (\" \\ \n \t \uNNNN …) are valid in a Python double-quoted string and
 * mean the same; characters JSON leaves raw (emoji, U+2028, U+2029) are valid raw in UTF-8 Python 3 source.
 */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

/** A Python literal for a JSON value; `col` is the column it starts at, used to decide when to break lines. */
export function pyLiteral(v: unknown, col = 0, indent = ''): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a JSON number: ${v}`);
    return JSON.stringify(v);
  }
  if (typeof v === 'string') return pyString(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => (x === undefined ? null : x));
    const flat = `[${items.map((x) => pyLiteral(x, ONE_LINE)).join(', ')}]`;
    if (items.length === 0 || col + flat.length <= WIDTH) return flat;
    const inner = indent + INDENT;
    return `[\n${items.map((x) => `${inner}${pyLiteral(x, inner.length, inner)},\n`).join('')}${indent}]`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    const flat = `{${entries.map(([k, x]) => `${pyString(k)}: ${pyLiteral(x, ONE_LINE)}`).join(', ')}}`;
    if (entries.length === 0 || col + flat.length <= WIDTH) return flat;
    const inner = indent + INDENT;
    const lines = entries.map(([k, x]) => {
      const head = `${inner}${pyString(k)}: `;
      return `${head}${pyLiteral(x, head.length, inner)},\n`;
    });
    return `{\n${lines.join('')}${indent}}`;
  }
  throw new Error(`not a JSON value: ${typeof v}`);
}

/** `name=value,` keyword-argument lines at the given indent. */
export function pyKwargs(entries: readonly (readonly [string, unknown])[], indent: string): string {
  return entries
    .map(([k, x]) => {
      const head = `${indent}${k}=`;
      return `${head}${pyLiteral(x, head.length, indent)},\n`;
    })
    .join('');
}
