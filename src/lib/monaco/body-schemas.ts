// JSON Schemas for the editor's files: each route's request schema (zod, from protocol/) as JSON Schema, matched
// to its body file by name. Registering a schema replaces the set Monaco's JSON worker validates with.
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import type { z } from 'zod';
import { jsonSchemaOf } from '../../../protocol/openapi.ts';

const registered = new Map<string, Record<string, unknown>>();

function apply(): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: [...registered].map(([file, schema]) => ({
      uri: `inmemory://axplay/schemas/${file}`,
      fileMatch: [`*${file}`],
      schema,
    })),
  });
}

export function registerBodySchema(fileName: string, schema: z.ZodType): void {
  if (registered.has(fileName)) return;
  registered.set(fileName, jsonSchemaOf(schema, 'input'));
  apply();
}

/** A JSON Schema (already JSON) for one editor file, e.g. the policy's for guide.policy.json. */
export function registerJsonSchema(fileName: string, schema: Record<string, unknown>): void {
  if (registered.get(fileName) === schema) return;
  registered.set(fileName, schema);
  apply();
}
