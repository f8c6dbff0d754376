// The policy editor's starting text: the seed page's inline policy (guided JSON with syntax and schema verifiers).
import { SEED_SCHEMA_TEXT } from '../../guide/examples.ts';

export const SEED_POLICY_TEXT = JSON.stringify(
  {
    name: 'topic-and-confidence',
    sampling: { method: 'guided-generation', temperature: 0.2, top_p: 0.9 },
    constraints: { json_mode: true, json_schema: JSON.parse(SEED_SCHEMA_TEXT) },
    verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true },
  },
  null,
  2,
);
