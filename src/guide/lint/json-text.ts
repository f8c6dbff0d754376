// The JSON text of a schema in the editor: parsed strictly (no comments, no trailing commas: what JSON.parse and the
// server take) with jsonc-parser, which keeps every value's place in the text, so a JSON pointer becomes a marker.
import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Lint } from './types.ts';

export interface JsonText {
  readonly value: unknown;
  readonly tree: Node;
}

export type ParsedJson = { readonly ok: true; readonly json: JsonText } | { readonly ok: false; readonly lint: Lint };

const PROBLEMS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: "':' is expected",
  CommaExpected: "',' is expected",
  CloseBraceExpected: "'}' is expected",
  CloseBracketExpected: "']' is expected",
  EndOfFileExpected: 'nothing may follow the value',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comments are not JSON',
  UnexpectedEndOfString: 'the string is not closed',
  UnexpectedEndOfNumber: 'the number is cut short',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'control characters must be escaped in strings',
};

/** Line and column (1-based) of an offset, for messages. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  return { line, column: offset - start + 1 };
}

function syntaxLint(text: string, e: ParseError): Lint {
  const problem = PROBLEMS[printParseErrorCode(e.error)] ?? 'not valid JSON';
  const { line, column } = lineColumn(text, e.offset);
  const from = Math.min(e.offset, Math.max(0, text.length - 1));
  return {
    severity: 'error',
    source: 'syntax',
    message: `not valid JSON: ${problem} (line ${line}, column ${column})`,
    from,
    to: Math.min(text.length, from + Math.max(1, e.length)),
  };
}

/** Parses `text` as strict JSON: the value (as JSON.parse gives it, what the request carries) and its syntax tree. */
export function parseJsonText(text: string): ParsedJson {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) return { ok: false, lint: syntaxLint(text, first) };
  try {
    const value: unknown = JSON.parse(text);
    if (tree) return { ok: true, json: { value, tree } };
  } catch (e) {
    return {
      ok: false,
      lint: { severity: 'error', source: 'syntax', message: `not valid JSON: ${(e as Error).message}` },
    };
  }
  return { ok: false, lint: { severity: 'error', source: 'syntax', message: 'not valid JSON: the text is empty' } };
}

/** The reference tokens of a JSON pointer ("" or "#" is the root; "#/a/b" and "/a/b" both read as a, b). */
export function pointerTokens(pointer: string): string[] {
  const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (p === '') return [];
  return p
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The node at a pointer (array indices are numbers where the parent is an array). */
export function nodeAt(tree: Node, pointer: string): Node | undefined {
  let node: Node | undefined = tree;
  for (const token of pointerTokens(pointer)) {
    if (!node) return undefined;
    if (node.type === 'array') node = findNodeAtLocation(node, [Number(token)]);
    else if (node.type === 'object') node = findNodeAtLocation(node, [token]);
    else return undefined;
  }
  return node;
}

export interface Range {
  readonly from: number;
  readonly to: number;
}

/**
 * Where to mark a schema keyword or member at `pointer`: its key (quotes included) when it is an object member,
 * else the value itself (an array item); the root's opening bracket for the root.
 */
export function keyRange(tree: Node, pointer: string): Range | undefined {
  const node = nodeAt(tree, pointer);
  if (!node) return undefined;
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  if (key) return { from: key.offset, to: key.offset + key.length };
  if (node === tree) return openingOf(node);
  return { from: node.offset, to: node.offset + node.length };
}

/**
 * Where to mark a value at `pointer` that is wrong in itself: a scalar is marked whole; an object or array (which
 * may span many lines) is marked at its key, or at its opening bracket when it has none.
 */
export function valueRange(tree: Node, pointer: string): Range | undefined {
  const node = nodeAt(tree, pointer);
  if (!node) return undefined;
  if (node.type !== 'object' && node.type !== 'array') return { from: node.offset, to: node.offset + node.length };
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  if (key) return { from: key.offset, to: key.offset + key.length };
  return openingOf(node);
}

const openingOf = (node: Node): Range => ({ from: node.offset, to: node.offset + 1 });
