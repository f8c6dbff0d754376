// Errors of the JSON Schema compiler: every refusal is a ConstraintError on `json_schema` whose message names the
// JSON pointer of what it refuses; unimplemented keywords are listed each with its pointer (also as data, for the
// MaskBench harness's count per keyword).
import { ConstraintError } from '../matcher.ts';

export const FIELD = 'json_schema';

export class SchemaError extends ConstraintError {
  /** The unimplemented keywords found (each with its pointer), when that is the reason. */
  readonly keywords: readonly { readonly keyword: string; readonly pointer: string }[];
  /** The cap that was exceeded, when that is the reason. */
  readonly cap?: string;

  constructor(message: string, o: { keywords?: { keyword: string; pointer: string }[]; cap?: string } = {}) {
    super(FIELD, `${FIELD}: ${message}`);
    this.keywords = o.keywords ?? [];
    this.cap = o.cap;
  }
}

/** A JSON pointer for messages: the root is `#`, otherwise `#/a/b`. */
export const showPointer = (p: string) => (p === '' ? '#' : `#${p}`);

export const escapeToken = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');
export const childPointer = (p: string, ...tokens: (string | number)[]) =>
  p + tokens.map((t) => `/${escapeToken(String(t))}`).join('');
