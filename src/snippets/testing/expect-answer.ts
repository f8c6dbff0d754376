// Checks an executed snippet's answer against the request's constraint: a JSON Schema answer must parse and be
// valid (ajv), a regex answer must match as a whole.
import type { AnySchema } from 'ajv';
import Ajv from 'ajv';
import { expect } from 'vitest';
import { answerRegex, answerSchema, type JsonObject } from '../policy-shape.ts';

const ajv = new Ajv({ allErrors: true });

/** Whether the body (or the saved policy it names) constrains the answer: what expectAnswer would check. */
export function isConstrained(shape: JsonObject): boolean {
  return answerSchema(shape) !== undefined || answerRegex(shape) !== undefined;
}

/** `shape`: the request body, or `{ policy }` with the saved policy a policy_id names. */
export function expectAnswer(answer: string, shape: JsonObject, where: string): void {
  const schema = answerSchema(shape);
  if (schema !== undefined) {
    let value: unknown;
    expect(() => {
      value = JSON.parse(answer);
    }, `${where}: the answer is not JSON: ${answer}`).not.toThrow();
    const validate = ajv.compile(schema as AnySchema);
    expect(validate(value), `${where}: ${ajv.errorsText(validate.errors)} in ${answer}`).toBe(true);
  }
  const regex = answerRegex(shape);
  if (regex !== undefined) expect(answer, where).toMatch(new RegExp(`^(?:${regex})$`));
}
