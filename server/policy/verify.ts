// The verifiers a policy can enable locally, each returning whether the output passes and, when not, why in words:
// syntax (parses as JSON when JSON was asked for), json_schema (ajv against the policy's schema), regex (full match
// of regex_pattern), tool_args (ajv against tool_schema). Also the first complete JSON value in a text, for repair.
import type { CheckResult } from '../../engine/constraints/compiled.ts';
import { draftOf } from '../../engine/constraints/json/drafts.ts';
import { jsonValidator } from '../worker/json-validator.ts';
import type { PolicyPlan } from './policy-plan.ts';

export interface Verdict {
  readonly ok: boolean;
  readonly reason: string | null;
}

type Check = (text: string) => CheckResult;

/** The verifier functions of a plan, built once per run (ajv compiles each schema once). */
export function verifiersOf(plan: PolicyPlan): (text: string) => Verdict {
  const checks: [string, Check][] = [];
  for (const v of plan.verifiers) {
    if (v === 'syntax' && plan.wantsJson)
      checks.push([
        v,
        (t) => {
          try {
            JSON.parse(t);
            return { valid: true };
          } catch (e) {
            return { valid: false, error: `not JSON: ${(e as Error).message}` };
          }
        },
      ]);
    if (v === 'json_schema' && plan.schema !== undefined) checks.push([v, schemaCheck(plan.schema)]);
    if (v === 'tool_args' && plan.toolSchema !== undefined) checks.push([v, schemaCheck(plan.toolSchema)]);
    if (v === 'regex' && plan.regex) {
      // a pattern JavaScript cannot parse is refused by the constraint's compiler (a 400 naming the field) when the
      // first job is built; the verifier must not throw first (that would be a 500)
      let re: RegExp | undefined;
      let bad = '';
      try {
        re = new RegExp(`^(?:${plan.regex})$`); // edge anchors inside the group change nothing
      } catch (e) {
        bad = (e as Error).message;
      }
      checks.push([
        v,
        (t) =>
          !re
            ? { valid: false, error: `not a valid regular expression: ${bad}` }
            : re.test(t)
              ? { valid: true }
              : { valid: false, error: `does not match ${plan.regex}` },
      ]);
    }
  }
  return (text) => {
    for (const [name, check] of checks) {
      const r = check(text);
      if (!r.valid) return { ok: false, reason: `${name}: ${r.error ?? 'failed'}` };
    }
    return { ok: true, reason: null };
  };
}

function schemaCheck(schema: unknown): Check {
  return jsonValidator(schema, draftOf(schema).draft);
}

/** The first complete JSON object or array in `text` (a string-aware bracket scan), or undefined. */
export function firstJsonValue(text: string): string | undefined {
  for (let start = 0; start < text.length; start++) {
    const open = text[start];
    if (open !== '{' && open !== '[') continue;
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (ch === '\\') i++;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) {
          const candidate = text.slice(start, i + 1);
          try {
            JSON.parse(candidate);
            return candidate;
          } catch {
            break;
          }
        }
      }
    }
  }
  return undefined;
}
