// Guided and policy requests, in the shapes the playground sends them: an OpenAI route with a policy made from one
// constraint (schema or regex), a full policy from the editor, a saved policy by id (with include_trace), and
// direct guided generation on /sampling/generate. The seed page's topic/confidence schema where one is needed.
import { HOSTED_BASE_URL } from '../request-parts.ts';
import { type Fixture, LOCAL_BASE_URL, request } from './fixture-request.ts';

/** The seed page's schema ("OpenAI client with an inline policy", "Direct guided-generation request"). */
export const SEED_SCHEMA = {
  type: 'object',
  properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
  required: ['topic', 'confidence'],
  additionalProperties: false,
};

const SEED_MESSAGES = [
  { role: 'system', content: 'Extract the message into a typed JSON object.' },
  { role: 'user', content: 'Relayer outage on Osmosis, confidence 0.82' },
];

/** A schema an editor user might write: an enum with quotes and accents, a nullable field, arrays of arrays. */
const TRIAGE_SCHEMA = {
  type: 'object',
  properties: {
    label: { enum: ['bug', 'question', 'idée "neuve"'] },
    urgent: { type: 'boolean' },
    owner: { type: ['string', 'null'], maxLength: 12 },
    spans: {
      type: 'array',
      items: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 99 }, minItems: 2, maxItems: 2 },
      maxItems: 2,
    },
  },
  required: ['label', 'urgent', 'owner', 'spans'],
  additionalProperties: false,
};

/** A full policy from the editor: every block, booleans and nulls, nested arrays in its metadata. */
const TRIAGE_POLICY = {
  name: 'Triage — "strict" JSON',
  description: null,
  metadata: {
    reviewed: true,
    owner: null,
    examples: [
      ['crash', 'bug'],
      ['how do I', 'question'],
    ],
  },
  task_profile: { name: 'triage', category: null },
  objective: { name: 'quality', maximize: true, latency_budget_ms: null },
  sampling: { method: 'guided-generation', temperature: 0.3, top_p: 0.9, adaptive_temperature: false },
  steering: { enabled: false, vector_id: null },
  constraints: { json_mode: true, json_schema: TRIAGE_SCHEMA, forbidden_terms: [] },
  verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true, rerank: false },
  optimization: { best_of_n: 2, confidence_triggered_regeneration: false, fallback_methods: ['top-p'] },
};

export const POLICY_FIXTURES: readonly Fixture[] = [
  {
    name: 'chat-schema-stream',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/chat/completions', {
      model: 'austen-mini',
      messages: SEED_MESSAGES,
      max_tokens: 72,
      seed: 4,
      policy: {
        sampling: { method: 'guided-generation', temperature: 0.2, top_p: 0.9 },
        constraints: { json_mode: true, json_schema: SEED_SCHEMA },
        verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true },
      },
      stream: true,
    }),
  },
  {
    name: 'chat-regex-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/chat/completions', {
      model: 'austen-mini',
      messages: [{ role: 'user', content: 'In which year was "Pride and Prejudice" published?' }],
      max_tokens: 12,
      seed: 2,
      stop: ['\n'],
      policy: {
        sampling: { method: 'guided-generation', temperature: 0.2, top_k: 40 },
        constraints: { regex_pattern: '1[0-9]{3}' },
        verifiers: { enabled: ['regex'], repair_on_failure: true },
      },
      stream: false,
    }),
  },
  {
    name: 'completion-policy-id',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/completions', {
      model: 'austen-mini',
      prompt: 'Is the sea salty? Answer: ',
      max_tokens: 8,
      seed: 1,
      policy_id: 'pol_5e0c2a9b7d14f3a86b21',
      include_trace: true,
      stream: false,
    }),
    savedPolicy: { name: 'Yes or no', constraints: { regex_pattern: '(yes|no)' }, verifiers: { enabled: ['regex'] } },
  },
  {
    name: 'chat-hosted-policy',
    runsLocally: true,
    req: request(HOSTED_BASE_URL, '/v1/chat/completions', {
      model: 'your-model-name',
      messages: [
        { role: 'system', content: 'Triage the report as JSON.' },
        { role: 'user', content: 'Le café "Déjà vu" crashes on start, urgent!' },
      ],
      max_tokens: 96,
      policy: TRIAGE_POLICY,
      include_trace: true,
      stream: false,
    }),
  },
  {
    name: 'sampling-schema-stream',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/sampling/generate', {
      model: 'austen-mini',
      prompt: 'Extract the primary topic and confidence from: relayer outage on Osmosis, confidence 0.82\n',
      method: 'guided-generation',
      max_new_tokens: 72,
      params: { temperature: 0.2, top_p: 0.9, seed: 4 },
      json_schema: SEED_SCHEMA,
      stream: true,
    }),
  },
];
