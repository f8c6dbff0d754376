// A compiler refusal as markers in the editor. A JSON Schema refusal names JSON pointers (each unimplemented keyword
// with its own, or "… at #/a/b" in the message): each is marked at its key. A regex refusal names "(at position N)"
// and a grammar refusal "line L, column C" (or a rule by name): marked there. Without any, the whole text is marked.

import { SchemaError } from '../../../engine/constraints/json/schema-error.ts';
import type { ConstraintError } from '../../../engine/constraints/matcher.ts';
import { type JsonText, keyRange, type Range } from './json-text.ts';
import type { Lint, LintKind, LintRoute } from './types.ts';

const wholeText = (text: string): Range => ({ from: 0, to: Math.max(1, text.length) });

/** The message without the field the server puts in front (the editor already says which constraint it is). */
const withoutField = (e: ConstraintError): string =>
  e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message;

/** Pointers named in a message: "at #", "at #/a/b" (up to a space, comma, semicolon or colon). */
function pointersIn(message: string): string[] {
  return [...message.matchAll(/\bat #((?:\/[^\s,;:]*)?)/g)].map((m) => m[1] ?? '');
}

/** The marker of a schema place the compiler names: its key (the whole text when it cannot be found). */
export const pointerMark = (json: JsonText | undefined, text: string, pointer: string | undefined): Range =>
  (pointer !== undefined && json ? keyRange(json.tree, pointer) : undefined) ?? wholeText(text);

/** What can be done about an unimplemented keyword on each route (only /sampling/generate carries the options). */
const UNSUPPORTED_WAY_OUT: Record<LintRoute, string> = {
  direct: 'json_schema_options.lenient skips it, leaving it to the check of the output',
  policy: 'a policy cannot skip it: json_schema_options.lenient exists only on /sampling/generate',
};

function schemaLints(e: ConstraintError, json: JsonText | undefined, text: string, route: LintRoute): Lint[] {
  const mark = (pointer: string | undefined) => pointerMark(json, text, pointer);
  const keywords = e instanceof SchemaError ? e.keywords : [];
  if (keywords.length)
    return keywords.map((k) => ({
      severity: 'error',
      source: 'compiler',
      message: `${k.keyword} is not supported by the local compiler: it cannot enforce it while generating (${UNSUPPORTED_WAY_OUT[route]})`,
      pointer: k.pointer,
      ...mark(k.pointer),
    }));
  const message = withoutField(e);
  // "not a valid schema: a at #/x problem; b at #/y problem": one marker per item
  const list = /^not a valid schema: (.*)$/s.exec(message);
  const items = list ? (list[1] ?? '').split('; ') : [message];
  return items.map((item) => {
    const pointer = pointersIn(item)[0];
    return {
      severity: 'error',
      source: 'compiler',
      message: list ? `not a valid schema: ${item}` : item,
      ...(pointer !== undefined ? { pointer } : {}),
      ...mark(pointer),
    };
  });
}

/** The offset of 1-based line and column (columns count characters, as the grammar compiler's do). */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  for (let c = 1; c < column && offset < text.length; c++) {
    const code = text.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return Math.min(offset, text.length);
}

const WORD = /[A-Za-z0-9_-]/;

/** From `from`, the rest of a rule name (when it starts one), else one character (the last when at the end). */
function tokenAt(text: string, from: number): Range {
  const start = Math.min(from, Math.max(0, text.length - 1));
  let end = start + 1;
  if (WORD.test(text[start] ?? '')) while (end < text.length && WORD.test(text[end] ?? '')) end++;
  return { from: start, to: Math.min(Math.max(end, start + 1), Math.max(1, text.length)) };
}

function grammarRange(message: string, text: string): Range {
  const at = /\bline (\d+), column (\d+)/.exec(message);
  if (at) return tokenAt(text, offsetOf(text, Number(at[1]), Number(at[2])));
  // a rule named without a place: its definition
  const rule = /\brule '([^']+)'/.exec(message);
  if (rule) {
    const name = (rule[1] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const def = new RegExp(`(^|\\n)([ \\t]*)${name}[ \\t]*::=`).exec(text);
    if (def) {
      const from = def.index + (def[1]?.length ?? 0) + (def[2]?.length ?? 0);
      return { from, to: from + (rule[1]?.length ?? 1) };
    }
  }
  return wholeText(text);
}

function regexRange(message: string, text: string): Range {
  const at = /\(at position (\d+)\)/.exec(message);
  if (!at) return wholeText(text);
  const from = Math.min(Number(at[1]) - 1, Math.max(0, text.length - 1));
  // the construct the message quotes ("such as (?=x)", "the repetition {2000}", "the anchor $"), found from there
  const raw = /(?:such as|the repetition|the anchor) (\S+)/.exec(message)?.[1];
  const found = raw ? text.indexOf(raw, from) : -1;
  if (raw && found >= 0) return { from: found, to: found + raw.length };
  return { from, to: from + 1 };
}

/** The lints of a compiler refusal (`route`: where the constraint is sent, default direct). */
export function compilerLints(
  kind: LintKind,
  e: ConstraintError,
  text: string,
  json?: JsonText,
  route: LintRoute = 'direct',
): Lint[] {
  if (kind === 'json_schema') return schemaLints(e, json, text, route);
  const message = withoutField(e);
  const range = kind === 'grammar' ? grammarRange(message, text) : regexRange(message, text);
  return [{ severity: 'error', source: 'compiler', message, ...range }];
}
