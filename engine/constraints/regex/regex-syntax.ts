// Checks a regex's syntax tree (regexpp's, through refa's parser) for what the DFA front end does not support and
// for work caps, before any automaton is built: anchors only at the pattern's edges, no lookarounds, word
// boundaries or backreferences, repetition bounds and group nesting within the caps. Errors name the position.
import { CAPS } from '../caps.ts';
import { ConstraintError } from '../matcher.ts';

/** The parts of regexpp's AST this check reads (structural, so no direct dependency on regexpp's types). */
interface Node {
  readonly type: string;
  readonly start: number;
  readonly raw: string;
  readonly kind?: string;
  readonly min?: number;
  readonly max?: number;
  readonly element?: Node;
  readonly elements?: readonly Node[];
  readonly alternatives?: readonly Node[];
}

const at = (field: string, pos: number, what: string) =>
  new ConstraintError(field, `${field}: ${what} (at position ${pos + 1})`);

/** The deepest group nesting in the source, counted without parsing (so a hostile pattern cannot exhaust the stack). */
export function nestingDepth(source: string): number {
  let depth = 0;
  let max = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') max = Math.max(max, ++depth);
    else if (c === ')') depth = Math.max(0, depth - 1);
  }
  return max;
}

/** Throws ConstraintError (naming `field`) for an unsupported construct or a repetition bound over the cap. */
export function checkRegexAst(pattern: Node, field: string): void {
  const visit = (n: Node, edge: 'start' | 'end' | 'both' | 'none'): void => {
    switch (n.type) {
      case 'Assertion': {
        if (n.kind === 'start' && (edge === 'start' || edge === 'both')) return;
        if (n.kind === 'end' && (edge === 'end' || edge === 'both')) return;
        if (n.kind === 'start' || n.kind === 'end')
          throw at(field, n.start, `the anchor ${n.raw} is only supported at the very start or end of the pattern`);
        if (n.kind === 'word') throw at(field, n.start, `word boundaries such as ${n.raw} are not supported`);
        throw at(field, n.start, `lookarounds such as ${n.raw.slice(0, 20)} are not supported`);
      }
      case 'Backreference':
        throw at(field, n.start, `backreferences such as ${n.raw} are not supported`);
      case 'Quantifier': {
        const bound = Math.max(n.min ?? 0, Number.isFinite(n.max) ? (n.max ?? 0) : 0);
        if (bound > CAPS.repetitionBound) {
          throw at(
            field,
            n.start,
            `the repetition ${n.raw.slice(n.raw.lastIndexOf('{'))} has a bound of ${bound}, more than the ${CAPS.repetitionBound} allowed (cap repetitionBound)`,
          );
        }
        if (n.element) visit(n.element, 'none');
        return;
      }
      case 'Group':
      case 'CapturingGroup':
        for (const a of n.alternatives ?? []) visit(a, 'none');
        return;
      case 'Alternative': {
        const els = n.elements ?? [];
        els.forEach((e, i) => {
          const first = i === 0;
          const last = i === els.length - 1;
          visit(e, edge === 'both' ? (first && last ? 'both' : first ? 'start' : last ? 'end' : 'none') : 'none');
        });
        return;
      }
      default:
        return; // characters, classes and sets carry no assertions
    }
  };
  for (const a of pattern.alternatives ?? []) visit(a, 'both');
}
