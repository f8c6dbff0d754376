// Steered requests, in the shapes the steering panel sends them: on the plain routes the request-level fields after
// the sampling ones (a built-in vector's id has a slash; strengths above 1 and below 0), and beside a guided
// constraint on an OpenAI route the policy's steering block (the server refuses request-level steering there).
// Small max_tokens: each is run by every target against the real model.
import { type Fixture, LOCAL_BASE_URL, request } from './fixture-request.ts';

export const EXCLAMATION = 'austen-mini/exclamation';
export const JSON_VECTOR = 'austen-mini/json';

const FLAG_SCHEMA = {
  type: 'object',
  properties: { excited: { type: 'boolean' } },
  required: ['excited'],
  additionalProperties: false,
};

/** A mix as the panel sends it: one inline vector ({layer key: d_model floats}) at strength 1. */
const wave = (k: number) => Array.from({ length: 128 }, (_, i) => Number((0.5 * Math.cos(k * i)).toFixed(4)));

export const STEERING_FIXTURES: readonly Fixture[] = [
  {
    name: 'chat-steering-mix-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/chat/completions', {
      model: 'austen-mini',
      messages: [{ role: 'user', content: 'How did you like the ball?' }],
      max_tokens: 12,
      temperature: 0.8,
      seed: 1,
      steering_vector: { '3': wave(3), '5': wave(5) },
      steering_strength: 1,
      stream: false,
    }),
  },
  {
    name: 'chat-steering-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/chat/completions', {
      model: 'austen-mini',
      messages: [{ role: 'user', content: 'How did you like the ball?' }],
      max_tokens: 16,
      temperature: 0.8,
      seed: 1,
      steering_vector_id: EXCLAMATION,
      steering_strength: 1,
      stream: true,
    }),
  },
  {
    name: 'completion-steering-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/completions', {
      model: 'austen-mini',
      prompt: 'It is a truth universally acknowledged',
      max_tokens: 16,
      temperature: 0.7,
      top_k: 40,
      seed: 2,
      steering_vector_id: JSON_VECTOR,
      steering_strength: -0.5,
      stream: false,
    }),
  },
  {
    name: 'generate-steering-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/generate', {
      model: 'austen-mini',
      prompt: 'Emma said, ',
      max_tokens: 20,
      temperature: 0.9,
      top_p: 0.9,
      sampling_method: 'top-p',
      seed: 3,
      steering_vector_id: EXCLAMATION,
      steering_strength: 1.5,
    }),
  },
  {
    name: 'sampling-steering-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/sampling/generate', {
      model: 'austen-mini',
      prompt: 'The year: ',
      method: 'guided-generation',
      max_new_tokens: 8,
      params: { temperature: 0.8, seed: 3 },
      regex_pattern: '1[0-9]{3}',
      steering_vector_id: EXCLAMATION,
      steering_strength: -0.5,
      stream: true,
    }),
  },
  {
    name: 'chat-schema-steering-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/chat/completions', {
      model: 'austen-mini',
      messages: [{ role: 'user', content: 'Were you pleased? Answer as JSON.' }],
      max_tokens: 24,
      seed: 5,
      policy: {
        sampling: { method: 'guided-generation', temperature: 0.2 },
        constraints: { json_mode: true, json_schema: FLAG_SCHEMA },
        verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true },
        steering: { enabled: true, vector_id: JSON_VECTOR, strength: 1 },
      },
      stream: false,
    }),
  },
];
