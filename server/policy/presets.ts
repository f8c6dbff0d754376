// Policy presets: three built in (named as mechanex's static builders are: strict_json_extraction,
// fast_tool_router, diverse_chatbot), and the ones published here (SQLite, beside saved policies). Cloning a preset
// saves a copy as a policy and returns its id.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { type RuntimePolicy, type RuntimePolicyInput, runtimePolicySchema } from '../../protocol/policy.ts';

const TAGS = z.array(z.string());

export interface Preset {
  readonly id: string;
  readonly name: string;
  readonly policy: RuntimePolicy;
  readonly description: string | null;
  readonly owner_api_key_id: string | null;
  readonly tags: readonly string[];
  readonly updated_at: string | null;
  readonly visibility: string;
}

const builtIn = (
  id: string,
  name: string,
  description: string,
  tags: string[],
  policy: RuntimePolicyInput,
): Preset => ({
  id,
  name,
  description,
  policy: runtimePolicySchema.parse({ ...policy, name }),
  owner_api_key_id: null,
  tags,
  updated_at: null,
  visibility: 'public',
});

/** The built-in presets (public, read-only). */
export const BUILT_IN_PRESETS: readonly Preset[] = [
  builtIn(
    'preset_strict_json_extraction',
    'strict_json_extraction',
    'JSON output under a schema, checked by the syntax and json_schema verifiers, repaired on failure',
    ['json', 'extraction'],
    {
      task_profile: { name: 'extraction', category: 'structured-output' },
      sampling: { method: 'guided-generation', temperature: 0.2 },
      constraints: { json_mode: true },
      verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true, max_retries: 1 },
    },
  ),
  builtIn(
    'preset_fast_tool_router',
    'fast_tool_router',
    'Greedy decoding of tool arguments as JSON, checked against the tool schema',
    ['tools', 'routing'],
    {
      task_profile: { name: 'tool routing', category: 'tools' },
      objective: { name: 'latency', latency_budget_ms: 2000 },
      sampling: { method: 'greedy', temperature: 0 },
      constraints: { json_mode: true },
      verifiers: { enabled: ['syntax', 'tool_args'], repair_on_failure: true, max_retries: 0 },
    },
  ),
  builtIn(
    'preset_diverse_chatbot',
    'diverse_chatbot',
    'Varied chat replies: top-p at a higher temperature, best of three by score',
    ['chat'],
    {
      task_profile: { name: 'chat', category: 'conversation' },
      sampling: { method: 'top-p', temperature: 0.9, top_p: 0.95 },
      optimization: { best_of_n: 3 },
    },
  ),
];

export class PresetStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS policy_presets (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      policy TEXT NOT NULL,
      description TEXT,
      tags TEXT NOT NULL,
      visibility TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
  }

  publish(p: {
    name: string;
    policy: RuntimePolicy;
    visibility: string;
    tags: string[];
    description?: string | null;
  }): string {
    const id = `preset_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    this.db
      .prepare(
        'INSERT INTO policy_presets (id, name, policy, description, tags, visibility, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        p.name,
        JSON.stringify(p.policy),
        p.description ?? null,
        JSON.stringify(p.tags),
        p.visibility,
        new Date().toISOString(),
      );
    return id;
  }

  /** Published presets (all of them locally: there is one user), then the built-in ones when asked. */
  list(includePublic: boolean): Preset[] {
    const rows = this.db.prepare('SELECT * FROM policy_presets ORDER BY updated_at, id').all() as {
      id: string;
      name: string;
      policy: string;
      description: string | null;
      tags: string;
      visibility: string;
      updated_at: string;
    }[];
    const own: Preset[] = [];
    for (const r of rows) {
      const parsed = runtimePolicySchema.safeParse(JSON.parse(r.policy));
      if (!parsed.success) continue;
      own.push({
        id: r.id,
        name: r.name,
        policy: parsed.data,
        description: r.description,
        owner_api_key_id: 'local',
        tags: TAGS.parse(JSON.parse(r.tags)),
        updated_at: r.updated_at,
        visibility: r.visibility,
      });
    }
    return includePublic ? [...own, ...BUILT_IN_PRESETS] : own;
  }

  get(id: string): Preset | undefined {
    return this.list(true).find((p) => p.id === id);
  }
}
