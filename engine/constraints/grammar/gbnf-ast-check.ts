// Checks a syntax tree built in code (the JSON Schema compiler's) the way the GBNF parser checks text, so that
// compileGrammarAst can trust it like a parsed one: the rules cap, unique names (and `byName` agreeing with
// `rules`), a `root` rule, every reference defined, at least one alternative per rule, repetition bounds that are
// integers with 0 ≤ min ≤ max (max may be Infinity) within the repetition cap, and nesting within the nesting cap
// (counted as the parser counts it: a group is one level, a repetition stacked on a repetition is one more), checked
// before each recursion so a deep tree cannot overflow the stack. Errors are on `field`; a rule or reference built
// in code has line 0 and is named without a position.
import { CAPS } from '../caps.ts';
import type { GbnfGrammar, GbnfNode, GbnfRule, Sequence } from './gbnf-ast.ts';
import { capError, grammarError } from './grammar-errors.ts';

export function checkGrammarAst(ast: GbnfGrammar, field: string): void {
  if (ast.rules.length > CAPS.grammarRules) {
    throw capError('grammarRules', `${ast.rules.length} rules`, undefined, field);
  }
  const names = new Map<string, GbnfRule>();
  for (const rule of ast.rules) {
    const earlier = names.get(rule.name);
    if (earlier) throw grammarError(`${at(rule)}rule '${rule.name}' is defined twice`, field);
    names.set(rule.name, rule);
    if (ast.byName.get(rule.name) !== rule) {
      throw grammarError(`rule '${rule.name}' is not the one byName gives for its name`, field);
    }
  }
  if (ast.byName.size !== names.size) throw grammarError('byName names a rule that is not in rules', field);
  if (!names.has('root')) throw grammarError("there is no rule named 'root' (the grammar starts there)", field);
  for (const rule of ast.rules) {
    if (rule.alternatives.length === 0) {
      throw grammarError(
        `${at(rule)}rule '${rule.name}' has no alternatives (for the empty language use an empty class)`,
        field,
      );
    }
    new NodeCheck(names, rule, field).alternatives(rule.alternatives, 0);
  }
}

const at = (p: { readonly line: number; readonly column: number }): string =>
  p.line > 0 ? `line ${p.line}, column ${p.column}: ` : '';

class NodeCheck {
  constructor(
    private readonly names: ReadonlyMap<string, GbnfRule>,
    private readonly rule: GbnfRule,
    private readonly field: string,
  ) {}

  alternatives(alts: readonly Sequence[], depth: number): void {
    for (const seq of alts) for (const node of seq) this.level(node, depth);
  }

  /** The nesting level of `node` written at `depth` (the parser's count), refused above the cap. */
  private level(node: GbnfNode, depth: number): number {
    switch (node.kind) {
      case 'literal':
      case 'class':
      case 'lexeme':
        return depth;
      case 'ref':
        if (!this.names.has(node.name)) {
          throw grammarError(`${at(node)}rule '${node.name}' is not defined`, this.field);
        }
        return depth;
      case 'group':
        this.deep(depth + 1);
        this.alternatives(node.alternatives, depth + 1);
        return depth + 1;
      case 'repeat': {
        // a chain of repetitions stacked on repetitions, walked without recursion: each after the first nests
        let body: GbnfNode = node;
        let stacked = -1;
        while (body.kind === 'repeat') {
          this.bounds(body.min, body.max);
          stacked++;
          this.deep(depth + stacked);
          body = body.body;
        }
        const level = this.level(body, depth) + stacked;
        this.deep(level);
        return level;
      }
    }
  }

  private deep(level: number): void {
    if (level > CAPS.nestingDepth) {
      throw capError('nestingDepth', `nesting ${level} deep`, `rule '${this.rule.name}'`, this.field);
    }
  }

  private bounds(min: number, max: number): void {
    const where = `rule '${this.rule.name}'`;
    if (!Number.isInteger(min) || min < 0 || !(Number.isInteger(max) || max === Number.POSITIVE_INFINITY)) {
      throw grammarError(`${where}: repetition bounds {${min},${max}} are not whole numbers`, this.field);
    }
    if (max < min) throw grammarError(`${where}: {${min},${max}} has its maximum below its minimum`, this.field);
    const over = max === Number.POSITIVE_INFINITY ? min : max;
    if (over > CAPS.repetitionBound) {
      throw capError('repetitionBound', `repetition bound ${over}`, where, this.field);
    }
  }
}
