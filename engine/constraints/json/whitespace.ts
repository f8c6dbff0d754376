// The whitespace policy of compiled JSON: `spaced` (the default: `{"a": 1, "b": [1, 2]}`, the style the local
// model was trained on), `compact` (`{"a":1,"b":[1,2]}`), or `flexible` (any run of spaces and newlines around
// the structural characters, nothing required).
import type { GbnfNode, Sequence } from '../grammar/gbnf-ast.ts';

export type Whitespace = 'spaced' | 'compact' | 'flexible';
export const WHITESPACE_POLICIES: readonly Whitespace[] = ['spaced', 'compact', 'flexible'];
export const DEFAULT_WHITESPACE: Whitespace = 'spaced';

export const lit = (s: string): GbnfNode => ({ kind: 'literal', codePoints: [...s].map((c) => c.codePointAt(0) ?? 0) });

const ws: GbnfNode = {
  kind: 'repeat',
  body: {
    kind: 'class',
    negated: false,
    ranges: [
      [32, 32],
      [10, 10],
    ],
  },
  min: 0,
  max: Number.POSITIVE_INFINITY,
};

/** The structural pieces as grammar sequences under a policy. */
export interface Punctuation {
  readonly open: (c: '{' | '[') => Sequence;
  readonly close: (c: '}' | ']') => Sequence;
  readonly colon: Sequence;
  readonly comma: Sequence;
  /** Before and after the whole document. */
  readonly outer: Sequence;
}

export function punctuation(p: Whitespace): Punctuation {
  if (p === 'flexible')
    return {
      open: (c) => [lit(c), ws],
      close: (c) => [ws, lit(c)],
      colon: [ws, lit(':'), ws],
      comma: [ws, lit(','), ws],
      outer: [ws],
    };
  const spaced = p === 'spaced';
  return {
    open: (c) => [lit(c)],
    close: (c) => [lit(c)],
    colon: [lit(spaced ? ': ' : ':')],
    comma: [lit(spaced ? ', ' : ',')],
    outer: [],
  };
}

/** Text of a JSON value under a policy (flexible writes it spaced), with every non-ASCII character escaped. */
export function serializeValue(v: unknown, p: Whitespace): string {
  const colon = p === 'compact' ? ':' : ': ';
  const comma = p === 'compact' ? ',' : ', ';
  const write = (x: unknown): string => {
    if (Array.isArray(x)) return `[${x.map(write).join(comma)}]`;
    if (x !== null && typeof x === 'object')
      return `{${Object.entries(x)
        .map(([k, y]) => `${jsonString(k)}${colon}${write(y)}`)
        .join(comma)}}`;
    if (typeof x === 'string') return jsonString(x);
    return JSON.stringify(x) ?? 'null';
  };
  return write(v);
}

/** A JSON string literal in printable ASCII: JSON's own escapes, then \uXXXX for everything else. */
export function jsonString(s: string): string {
  return JSON.stringify(s).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}
