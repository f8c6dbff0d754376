// Requests the snippet tests render and run: chat and completions, local and hosted, streamed or not, with
// Axionic fields, and hostile strings everywhere a user can type (messages, prompt, stop, model); then the guided
// and policy requests of policy-fixtures.ts and the steered ones of steering-fixtures.ts.
import type { RequestObject } from '../../api/request-object.ts';
import { HOSTED_BASE_URL } from '../request-parts.ts';
import { type Fixture, LOCAL_BASE_URL, request } from './fixture-request.ts';
import { POLICY_FIXTURES } from './policy-fixtures.ts';
import { STEERING_FIXTURES } from './steering-fixtures.ts';

/** Everything a shell, Python or JS literal could misread. */
export const HOSTILE =
  `It's "quoted" \\ back\\slash \\n $HOME \${HOME} \`whoami\` $(whoami) $' $& %\n` +
  'tab\there 🦊 line\u2028sep para\u2029sep true false null None %s {content} \'\'\' """ </script>';

export const FIXTURES: readonly Fixture[] = [
  {
    name: 'chat-local-stream',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/chat/completions', {
      model: 'austen-mini',
      messages: [
        { role: 'system', content: 'You are Miss Austen.' },
        { role: 'user', content: 'Hello, what can you do?' },
      ],
      max_tokens: 24,
      temperature: 0.8,
      seed: 1,
      stream: true,
      sampling_method: 'top-k',
      top_k: 40,
    }),
  },
  {
    name: 'chat-hostile',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/chat/completions', {
      model: `my'model"$(whoami)`,
      messages: [
        { role: 'system', content: HOSTILE },
        { role: 'user', content: `Say ${HOSTILE}` },
        { role: 'assistant', content: 'true' },
        { role: 'user', content: '%' },
      ],
      max_tokens: 16,
      temperature: 0.5,
      seed: 7,
      stop: ["'$(whoami)'", '`true`\n\t🦊', 'null\u2028%'],
      stream: false,
      logit_bias: { '96': -100, '0': -5 },
      user: 'null',
      min_p: 0.02,
      repetition_penalty: 1.1,
      steering_strength: 0,
    }),
  },
  {
    name: 'chat-hostile-stream',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/chat/completions', {
      model: 'austen-mini',
      messages: [{ role: 'user', content: HOSTILE }],
      max_tokens: 16,
      seed: 3,
      stream: true,
      stream_options: { include_usage: true },
      stop: null,
      logprobs: true,
      top_logprobs: 2,
      sampling_method: 'min-p',
      steering_vector_id: null,
    }),
  },
  {
    name: 'chat-hosted-steering',
    runsLocally: false,
    req: request(HOSTED_BASE_URL, '/v1/chat/completions', {
      model: 'your-model-name',
      messages: [{ role: 'user', content: 'Describe a sunset.' }],
      max_tokens: 256,
      steering_vector_id: 'sv_abc123',
      steering_strength: 1.5,
      policy: { sampling: { method: 'guided-generation', temperature: 0.2 }, constraints: { json_mode: true } },
    }),
  },
  {
    name: 'completion-hostile',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/completions', {
      model: 'austen-mini',
      prompt: HOSTILE,
      max_tokens: 16,
      temperature: 0,
      stop: '$HOME',
      logprobs: 2,
      echo: false,
      sampling_method: 'typical',
      typical_p: 0.8,
      presence_penalty: 0.5,
      frequency_penalty: -0.25,
    }),
  },
  {
    name: 'completion-hosted-stream',
    runsLocally: true,
    req: request(HOSTED_BASE_URL, '/v1/completions', {
      model: 'default',
      prompt: ['It is a truth', `'${HOSTILE}'`],
      max_tokens: 12,
      stream: true,
      top_p: 0.9,
      n: 1,
    }),
  },
  {
    name: 'chat-minimal',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/chat/completions', { messages: [{ role: 'user', content: 'Hello!' }] }),
  },
  {
    name: 'generate-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/generate', {
      prompt: `It is a truth ${HOSTILE}`,
      max_tokens: 20,
      sampling_method: 'top-p',
      top_p: 0.8,
      temperature: 0.9,
      seed: 5,
    }),
  },
  {
    // guided generation: only curl and fetch can call it
    name: 'sampling-regex-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/sampling/generate', {
      prompt: `Name and year, ${HOSTILE}: `,
      method: 'guided-generation',
      max_new_tokens: 24,
      params: { temperature: 0.8, seed: 3 },
      regex_pattern: '^[A-Z][a-z]+ [0-9]{4}$|\'"\\$',
    }),
  },
  {
    name: 'sampling-grammar-stream',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/sampling/generate', {
      prompt: 'Sum: ',
      max_new_tokens: 30,
      params: { seed: 2 },
      grammar: 'root ::= num (" + " num)*\nnum ::= [1-9] [0-9]{0,2}  # "quoted" $HOME',
      stream: true,
    }),
  },
  ...POLICY_FIXTURES,
  ...STEERING_FIXTURES,
];

/** What retarget replaces besides the server and key: the model (when the body has one), the saved policy's id. */
export interface Swap {
  model?: string;
  policyId?: string;
}

/** The same request aimed at another server: base URL, key and (when set) model and policy_id replaced. */
export function retarget(req: RequestObject, baseUrl: string, key: string, swap: Swap = {}): RequestObject {
  let body = req.body;
  if (body && swap.model !== undefined && 'model' in body) body = { ...body, model: swap.model };
  if (body && swap.policyId !== undefined && 'policy_id' in body) body = { ...body, policy_id: swap.policyId };
  return {
    ...req,
    url: `${baseUrl}${req.meta.path}`,
    headers: { ...req.headers, 'x-api-key': key },
    body,
    meta: { ...req.meta, baseUrl },
  };
}
