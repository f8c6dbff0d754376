// From a conjunction's merged keywords to the JSON lexemes (./lexemes): strings with their patterns, formats and
// length bounds; integers and numbers with bounds and multipleOf; keys of a pattern class. A lexeme whose language
// is empty gives no node (that type is simply impossible there).
import type { GbnfNode } from '../grammar/gbnf-ast.ts';
import type { Lexeme } from '../lexeme.ts';
import { STRING_FORMATS } from './formats-known.ts';
import {
  formatMatches,
  type IntegerLexemeOptions,
  jsonIntegerLexeme,
  jsonNumberLexeme,
  jsonStringLexeme,
  type NumberBounds,
} from './lexemes/index.ts';
import type { Norm } from './norm.ts';
import { childPointer, SchemaError, showPointer } from './schema-error.ts';

const node = (l: Lexeme): GbnfNode | undefined => {
  const d = l.dist(l.initial);
  return Number.isFinite(d) && d < 2 ** 30 ? { kind: 'lexeme', lexeme: l } : undefined;
};

function bounds(n: Norm): NumberBounds {
  const b: { -readonly [K in keyof NumberBounds]: NumberBounds[K] } = {};
  if (n.min) b[n.min.exclusive ? 'exclusiveMinimum' : 'minimum'] = n.min.value;
  if (n.max) b[n.max.exclusive ? 'exclusiveMaximum' : 'maximum'] = n.max.value;
  return b;
}

export function stringLexemeNode(n: Norm, pointer: string): GbnfNode | undefined {
  if (n.maxLength !== undefined && n.maxLength < n.minLength) return undefined;
  return node(
    jsonStringLexeme({
      pattern: n.patterns,
      minLength: n.minLength || undefined,
      maxLength: n.maxLength,
      format: n.formats.filter((f) => STRING_FORMATS.has(f)),
      pointer: showPointer(pointer),
    }),
  );
}

export function integerLexemeNode(n: Norm, pointer: string): GbnfNode | undefined {
  const nonInteger = n.multipleOf.find((m) => !Number.isInteger(m));
  if (nonInteger !== undefined) {
    throw new SchemaError(`multipleOf ${nonInteger} (not a whole number) at ${showPointer(pointer)} is not supported`, {
      keywords: [{ keyword: 'multipleOf (fractional)', pointer: childPointer(pointer, 'multipleOf') }],
    });
  }
  const o: IntegerLexemeOptions = {
    ...bounds(n),
    ...(n.multipleOf.length ? { multipleOf: n.multipleOf } : {}),
    pointer: showPointer(pointer),
  };
  if (n.min && n.max && n.min.value > n.max.value) return undefined;
  return node(jsonIntegerLexeme(o));
}

/** Numbers; under a whole-number multipleOf only its integer multiples are written (a sound subset). */
export function numberLexemeNode(n: Norm, pointer: string): GbnfNode | undefined {
  if (n.multipleOf.length) return integerLexemeNode(n, pointer);
  if (n.min && n.max && n.min.value > n.max.value) return undefined;
  return node(jsonNumberLexeme({ ...bounds(n), pointer: showPointer(pointer) }));
}

export function keyLexemeNode(
  k: { notIn: readonly string[]; allOf: readonly string[]; noneOf: readonly string[] },
  pointer: string,
): GbnfNode | undefined {
  return node(
    jsonStringLexeme({
      notIn: k.notIn,
      keyPatterns: { allOf: k.allOf, noneOf: k.noneOf },
      pointer: showPointer(pointer),
    }),
  );
}

/** Whether our pattern for `format` accepts `value` (undefined for a format we do not know). */
export function formatAccepts(format: string, value: string): boolean | undefined {
  return formatMatches(format, value);
}
