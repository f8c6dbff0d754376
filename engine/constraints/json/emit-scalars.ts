// Values (enum/const) as literals, and null, booleans, numbers and strings under their keywords: numbers and
// strings are lexemes (automata with counters for bounds and lengths), built in lexeme-specs.ts.
import { lexemeNode, type Sequence } from '../grammar/gbnf-ast.ts';
import type { EmitContext } from './compile-schema.ts';
import { violates } from './disjoint.ts';
import { formatAccepts, integerLexemeNode, numberLexemeNode, stringLexemeNode } from './lexeme-specs.ts';
import { literalSetLexeme } from './lexemes/literal-set.ts';
import type { Norm } from './norm.ts';
import { childPointer, SchemaError, showPointer } from './schema-error.ts';
import { lit, serializeValue } from './whitespace.ts';

/** From this many values on, an enum is one trie lexeme. */
const LITERAL_SET_FROM = 8;

const structured = (n: Norm) =>
  n.arrays.length > 0 ||
  n.objects.length > 0 ||
  n.required.size > 0 ||
  n.minItems > 0 ||
  n.maxItems !== undefined ||
  n.minProperties > 0 ||
  n.maxProperties !== undefined;

export function emitScalars(n: Norm, cx: EmitContext, pointer: string): Sequence[] {
  if (n.values) {
    const texts: string[] = [];
    for (const v of n.values) {
      if (violates(v, n)) continue;
      if (v !== null && typeof v === 'object' && structured(n)) {
        throw new SchemaError(
          `enum/const with objects or arrays together with object or array keywords at ${showPointer(pointer)} is not supported`,
          { keywords: [{ keyword: 'enum (structured, with keywords)', pointer: childPointer(pointer, 'enum') }] },
        );
      }
      // our format patterns accept a subset of what validators accept: a value they reject is left out (sound)
      if (typeof v === 'string' && n.formats.some((f) => formatAccepts(f, v) === false)) continue;
      texts.push(serializeValue(v, cx.whitespace));
    }
    // many values: one trie lexeme (cheap to compile and to match); a few: literal alternatives
    if (texts.length >= LITERAL_SET_FROM)
      return [[lexemeNode(literalSetLexeme(texts, `enum(${texts.length})`, childPointer(pointer, 'enum')))]];
    return texts.map((t) => [lit(t)]);
  }
  const out: Sequence[] = [];
  if (n.types.has('null')) out.push([lit('null')]);
  if (n.types.has('boolean')) out.push([lit('true')], [lit('false')]);
  if (n.types.has('number')) {
    const node = numberLexemeNode(n, pointer);
    if (node) out.push([node]);
  } else if (n.types.has('integer')) {
    const node = integerLexemeNode(n, pointer);
    if (node) out.push([node]);
  }
  if (n.types.has('string')) {
    const node = stringLexemeNode(n, pointer);
    if (node) out.push([node]);
  }
  return out;
}
