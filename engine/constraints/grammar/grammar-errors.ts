// How a grammar is refused: a ConstraintError on the request field the grammar came from (`grammar` unless told
// otherwise, e.g. `json_schema` for the grammars the JSON Schema compiler builds) whose message starts with that
// field and a colon, names the line and column for syntax errors, and names the cap and its limit for work refusals.
import { CAPS, type CapName } from '../caps.ts';
import { ConstraintError } from '../matcher.ts';

export const GRAMMAR_FIELD = 'grammar';

/** `<field>: <message>` on `field`. */
export function grammarError(message: string, field: string = GRAMMAR_FIELD): ConstraintError {
  return new ConstraintError(field, `${field}: ${message}`);
}

/** `<field>: [where: ]<amount> is more than the <limit> allowed (cap <name>)`. */
export function capError(cap: CapName, amount: string, where?: string, field: string = GRAMMAR_FIELD): ConstraintError {
  const limit = CAPS[cap];
  return grammarError(`${where ? `${where}: ` : ''}${amount} is more than the ${limit} allowed (cap ${cap})`, field);
}

/** 1-based lines and columns (in characters, not UTF-16 units) of offsets in a source, each in O(log lines). */
export class SourcePositions {
  private readonly lineStarts: number[] = [0];
  /** Trailing surrogates before each offset (they do not start a character). */
  private readonly trailing: Int32Array;

  constructor(source: string) {
    this.trailing = new Int32Array(source.length + 1);
    let n = 0;
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
        const prev = source.charCodeAt(i - 1);
        if (prev >= 0xd800 && prev <= 0xdbff) n++;
      }
      this.trailing[i + 1] = n;
    }
  }

  lineColumn(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.trailing.length - 1));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    const start = this.lineStarts[lo] ?? 0;
    const column = 1 + o - start - ((this.trailing[o] ?? 0) - (this.trailing[start] ?? 0));
    return { line: lo + 1, column };
  }

  at(offset: number): string {
    const { line, column } = this.lineColumn(offset);
    return `line ${line}, column ${column}`;
  }
}
