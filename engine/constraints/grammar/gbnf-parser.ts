// The GBNF parser: grammar text → syntax tree (gbnf-ast.ts), with errors that name the line and column.
//
// The format is llama.cpp's (grammars/README.md): `name ::= alternatives`, names of letters, digits, '-' and '_';
// literals "..." and classes [...] / [^...] with the escapes \n \r \t \\ \" \[ \] \xXX \uXXXX \UXXXXXXXX; `.` for
// any character; `|`, `( )`, `* + ?`, `{m}`, `{m,}`, `{m,n}`; `#` comments to the end of the line. Whitespace,
// newlines included, separates symbols anywhere: a rule's body runs until the next `name ::=` (so a body may go on
// over several lines, a little more lenient than llama.cpp). Token references (`<...>`, `!<...>`) are refused: our
// vocabulary is characters.
//
// Caps: sourceChars (checked first), nestingDepth (checked before each recursion, so `((((…` cannot overflow the
// stack), repetitionBound, grammarRules (rules as written, counted after parsing).
import { CAPS, type CapName } from '../caps.ts';
import type { ConstraintError } from '../matcher.ts';
import type { GbnfGrammar, GbnfNode, GbnfRule, RefNode, Sequence } from './gbnf-ast.ts';
import { capError, GRAMMAR_FIELD, grammarError, SourcePositions } from './grammar-errors.ts';

/** Parses GBNF text; errors are on `field` (default `grammar`). */
export function parseGbnf(source: string, field: string = GRAMMAR_FIELD): GbnfGrammar {
  if (source.length > CAPS.sourceChars) throw capError('sourceChars', `${source.length} characters`, undefined, field);
  return new GbnfParser(source, field).grammar();
}

const isNameChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95;

const isHexDigit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

const show = (c: number): string => (c >= 33 && c <= 126 ? `'${String.fromCharCode(c)}'` : `U+${c.toString(16)}`);

class GbnfParser {
  private pos = 0;
  private readonly refs: RefNode[] = [];
  private readonly positions: SourcePositions;

  constructor(
    private readonly src: string,
    private readonly field: string,
  ) {
    this.positions = new SourcePositions(src);
  }

  private at(offset: number): string {
    return this.positions.at(offset);
  }

  grammar(): GbnfGrammar {
    const rules: GbnfRule[] = [];
    const byName = new Map<string, GbnfRule>();
    let duplicate: ConstraintError | undefined;
    this.skipSpace();
    while (this.pos < this.src.length) {
      const start = this.pos;
      const name = this.name();
      if (name === '') {
        if (this.src.startsWith('::=', this.pos)) throw this.error(this.pos, "'::=' needs a rule name before it");
        if (this.peek() === 41) throw this.error(this.pos, "')' has no '(' to close");
        throw this.error(this.pos, `expected a rule name (letters, digits, '-' or '_'), found ${show(this.peek())}`);
      }
      this.skipSpace();
      if (!this.src.startsWith('::=', this.pos))
        throw this.error(this.pos, `expected '::=' after the rule name '${name}'`);
      this.pos += 3;
      const alternatives = this.alternatives(0);
      this.skipSpace();
      if (this.peek() === 41) throw this.error(this.pos, "')' has no '(' to close");
      const { line, column } = this.positions.lineColumn(start);
      const rule: GbnfRule = { name, alternatives, line, column };
      const earlier = byName.get(name);
      if (earlier && !duplicate) {
        duplicate = this.error(
          start,
          `rule '${name}' is already defined at line ${earlier.line}, column ${earlier.column}`,
        );
      }
      if (!earlier) byName.set(name, rule);
      rules.push(rule);
    }
    if (rules.length > CAPS.grammarRules) {
      throw capError('grammarRules', `${rules.length} rules`, undefined, this.field);
    }
    if (duplicate) throw duplicate;
    if (!byName.has('root')) throw grammarError("there is no rule named 'root' (the grammar starts there)", this.field);
    for (const ref of this.refs) {
      if (!byName.has(ref.name)) {
        throw grammarError(`line ${ref.line}, column ${ref.column}: rule '${ref.name}' is not defined`, this.field);
      }
    }
    return { rules, byName };
  }

  private error(offset: number, message: string): ConstraintError {
    return grammarError(`${this.at(offset)}: ${message}`, this.field);
  }

  private cap(cap: CapName, amount: string, offset: number): ConstraintError {
    return capError(cap, amount, this.at(offset), this.field);
  }

  private peek(offset = 0): number {
    const i = this.pos + offset;
    return i < this.src.length ? this.src.charCodeAt(i) : -1;
  }

  /** Spaces, tabs, newlines and `#` comments. */
  private skipSpace(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else if (c === 35) {
        while (this.pos < s.length && s.charCodeAt(this.pos) !== 10) this.pos++;
      } else break;
    }
  }

  private name(): string {
    const start = this.pos;
    while (this.pos < this.src.length && isNameChar(this.src.charCodeAt(this.pos))) this.pos++;
    return this.src.slice(start, this.pos);
  }

  /** Whether a rule definition (`name ::=`) starts at the current position (which does not move). */
  private atRuleStart(): boolean {
    const save = this.pos;
    const name = this.name();
    this.skipSpace();
    const yes = name !== '' && this.src.startsWith('::=', this.pos);
    this.pos = save;
    return yes;
  }

  /** `sequence ('|' sequence)*` at group nesting `depth` (0 = a rule's body). */
  private alternatives(depth: number): Sequence[] {
    const alts = [this.sequence(depth)];
    for (;;) {
      this.skipSpace();
      if (this.peek() !== 124) return alts;
      this.pos++;
      alts.push(this.sequence(depth));
    }
  }

  private sequence(depth: number): Sequence {
    const items: GbnfNode[] = [];
    // Nesting level of each item: groups count one, and so does a repetition stacked on a repetition (`x**`).
    const levels: number[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c < 0 || c === 124 || c === 41) return items;
      const start = this.pos;
      if (c === 34) {
        items.push(this.literal());
        levels.push(depth);
      } else if (c === 91) {
        items.push(this.charClass());
        levels.push(depth);
      } else if (c === 46) {
        this.pos++;
        items.push({ kind: 'class', negated: true, ranges: [] });
        levels.push(depth);
      } else if (c === 40) {
        if (depth + 1 > CAPS.nestingDepth) throw this.cap('nestingDepth', `nesting ${depth + 1} deep`, start);
        this.pos++;
        const alternatives = this.alternatives(depth + 1);
        this.skipSpace();
        if (this.peek() !== 41) {
          const found = this.peek() < 0 ? 'the end of the grammar' : show(this.peek());
          throw this.error(this.pos, `expected ')' to close the '(' at ${this.at(start)}, found ${found}`);
        }
        this.pos++;
        items.push({ kind: 'group', alternatives });
        levels.push(depth + 1);
      } else if (isNameChar(c)) {
        if (this.atRuleStart()) return items;
        const name = this.name();
        const { line, column } = this.positions.lineColumn(start);
        const ref: RefNode = { kind: 'ref', name, line, column };
        this.refs.push(ref);
        items.push(ref);
        levels.push(depth);
      } else if (c === 42 || c === 43 || c === 63 || c === 123) {
        const body = items.pop();
        const level = levels.pop() ?? depth;
        if (!body) throw this.error(start, `${show(c)} has nothing before it to repeat`);
        const [min, max] = c === 123 ? this.bounds() : c === 42 ? [0, Infinity] : c === 43 ? [1, Infinity] : [0, 1];
        if (c !== 123) this.pos++;
        const stacked = body.kind === 'repeat' ? level + 1 : level;
        if (stacked > CAPS.nestingDepth) throw this.cap('nestingDepth', `nesting ${stacked} deep`, start);
        items.push({ kind: 'repeat', body, min, max });
        levels.push(stacked);
      } else if (c === 58 && this.src.startsWith('::=', this.pos)) {
        throw this.error(start, "'::=' needs a rule name before it");
      } else if (c === 60 || c === 33) {
        throw this.error(start, 'token references (<...>) are not supported: this vocabulary is characters');
      } else {
        throw this.error(start, `unexpected ${show(this.src.codePointAt(start) ?? c)}`);
      }
    }
  }

  /** `{m}`, `{m,}` or `{m,n}` (spaces allowed inside). */
  private bounds(): [number, number] {
    const open = this.pos;
    this.pos++;
    this.skipSpace();
    const min = this.integer(open, "expected a number after '{'");
    this.skipSpace();
    let max = min;
    if (this.peek() === 44) {
      this.pos++;
      this.skipSpace();
      max = this.peek() === 125 ? Infinity : this.integer(open, "expected a number or '}' after ','");
      this.skipSpace();
    }
    if (this.peek() !== 125) throw this.error(this.pos, `expected '}' to close the '{' at ${this.at(open)}`);
    this.pos++;
    if (max < min) throw this.error(open, `{${min},${max}} has its maximum below its minimum`);
    return [min, max];
  }

  private integer(open: number, expected: string): number {
    const start = this.pos;
    while (this.pos < this.src.length && this.peek() >= 48 && this.peek() <= 57) this.pos++;
    if (this.pos === start) throw this.error(this.pos, expected);
    const value = Number(this.src.slice(start, this.pos));
    if (value > CAPS.repetitionBound) {
      throw this.cap('repetitionBound', `repetition bound ${this.src.slice(start, this.pos)}`, open);
    }
    return value;
  }

  private literal(): GbnfNode {
    const open = this.pos;
    this.pos++;
    const codePoints: number[] = [];
    for (;;) {
      const c = this.peek();
      if (c < 0) throw this.error(open, "this string literal has no closing '\"'");
      if (c === 34) {
        this.pos++;
        return { kind: 'literal', codePoints };
      }
      codePoints.push(this.char());
    }
  }

  private charClass(): GbnfNode {
    const open = this.pos;
    this.pos++;
    const negated = this.peek() === 94;
    if (negated) this.pos++;
    const ranges: [number, number][] = [];
    for (;;) {
      if (this.peek() < 0) throw this.error(open, "this character class has no closing ']'");
      if (this.peek() === 93) {
        this.pos++;
        return { kind: 'class', negated, ranges };
      }
      const from = this.pos;
      const lo = this.char();
      let hi = lo;
      if (this.peek() === 45 && this.peek(1) !== 93 && this.peek(1) >= 0) {
        this.pos++;
        hi = this.char();
        if (hi < lo) throw this.error(from, `the range ${show(lo)}-${show(hi)} goes backwards`);
      }
      ranges.push([lo, hi]);
    }
  }

  /** One character of a literal or class: an escape or a code point as written. */
  private char(): number {
    const start = this.pos;
    const c = this.src.codePointAt(start) ?? -1;
    if (c !== 92) {
      this.pos += c > 0xffff ? 2 : 1;
      return c;
    }
    const e = this.peek(1);
    this.pos += 2;
    switch (e) {
      case 110:
        return 10;
      case 114:
        return 13;
      case 116:
        return 9;
      case 92:
      case 34:
      case 91:
      case 93:
        return e;
      case 120:
        return this.hex(start, 2);
      case 117:
        return this.hex(start, 4);
      case 85:
        return this.hex(start, 8);
      default:
        if (e < 0) throw this.error(start, "'\\' at the end of the grammar");
        throw this.error(start, `unknown escape '\\${String.fromCodePoint(this.src.codePointAt(start + 1) ?? e)}'`);
    }
  }

  private hex(start: number, digits: number): number {
    const text = this.src.slice(this.pos, this.pos + digits);
    let ok = text.length === digits;
    for (let i = 0; i < text.length; i++) if (!isHexDigit(text.charCodeAt(i))) ok = false;
    const esc = this.src.slice(start, start + 2);
    if (!ok) throw this.error(start, `expected ${digits} hex digits after '${esc}'`);
    const value = Number.parseInt(text, 16);
    if (value > 0x10ffff) throw this.error(start, `'${esc}${text}' is beyond the last Unicode code point`);
    this.pos += digits;
    return value;
  }
}
