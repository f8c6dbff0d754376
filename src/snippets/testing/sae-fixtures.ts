// SAE-monitored requests, in the shapes the SAE view sends them: /sae/generate streamed (a prompt that leads into
// speech, so the dialogue monitor cuts and regenerates) and as JSON (Accept: application/json, with forced
// steering, sampling fields mechanex cannot send and a hostile prompt), the seed page's hosted example, and the /v1
// routes with behavior_names / force_steering (a stream that reports per-token scores, an answer that is
// corrected). Small max tokens: the local ones are run by every target against the real model.
import { HOSTED_BASE_URL } from '../request-parts.ts';
import { type Fixture, LOCAL_BASE_URL, request } from './fixture-request.ts';
import { HOSTILE } from './fixtures.ts';

/** A prompt after which austen-mini opens a quotation (the dialogue monitor drifts on it with seed 2). */
export const SPEECH_PROMPT = 'Anne looked up from her letter, and said, ';

const asJson = (f: Fixture): Fixture => ({
  ...f,
  req: { ...f.req, headers: { ...f.req.headers, Accept: 'application/json' } },
});

export const SAE_FIXTURES: readonly Fixture[] = [
  {
    name: 'sae-generate-stream-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/sae/generate', {
      model: 'austen-mini',
      prompt: SPEECH_PROMPT,
      max_new_tokens: 32,
      behavior_names: ['dialogue', 'question'],
      seed: 2,
      include_activations: true,
      top_k_features: 2,
    }),
  },
  asJson({
    name: 'sae-generate-json-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/sae/generate', {
      model: 'austen-mini',
      prompt: `Emma said, ${HOSTILE}`,
      max_new_tokens: 24,
      behavior_names: ['dialogue'],
      force_steering: ['exclamation'],
      temperature: 0.8,
      top_p: 0.9,
      top_k: 40,
      seed: 1,
      sampling_method: 'top-p',
    }),
  }),
  {
    // the seed page's "SAE behavior requests" example
    name: 'sae-generate-hosted',
    runsLocally: false,
    req: request(HOSTED_BASE_URL, '/sae/generate', {
      model: 'your-model-name',
      prompt: 'Explain how this policy handles refunds.',
      max_new_tokens: 120,
      behavior_names: ['Honesty'],
    }),
  },
  {
    name: 'chat-behaviors-stream-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/chat/completions', {
      model: 'austen-mini',
      messages: [{ role: 'user', content: 'How did you like the ball?' }],
      max_tokens: 16,
      seed: 1,
      behavior_names: ['dialogue', 'question'],
      stream: true,
    }),
  },
  {
    name: 'completion-behaviors-local',
    runsLocally: true,
    req: request(LOCAL_BASE_URL, '/v1/completions', {
      model: 'austen-mini',
      prompt: SPEECH_PROMPT,
      max_tokens: 24,
      seed: 2,
      behavior_names: ['dialogue'],
      force_steering: ['exclamation'],
      stream: false,
    }),
  },
];
