// The policy the current draft describes (its constraint as an inline policy, the editor's policy, a saved one by
// id, or none), and the prompt the policy API runs it on: the prompt, or the conversation (with the composer's
// text) through the model's chat template — the same prompt the OpenAI route would render.
import { renderChat } from '../../../protocol/chat-template.ts';
import { guidePolicy } from '../../api/guide.ts';
import { guideFromDraft } from '../../api/guide-from-draft.ts';
import type { ChatTemplate } from '../../api/request-object.ts';
import type { Draft } from '../../store/draft.ts';

export type DraftPolicy = { policy: Record<string, unknown> } | { policy_id: string };

/** Throws (with the editor's words) when the guide cannot be sent. */
export function draftPolicy(d: Draft): DraftPolicy {
  const g = guideFromDraft(d.guide, d.mode === 'generate' ? 'completion' : d.mode);
  return g ? guidePolicy(g, d.params) : { policy: {} };
}

/** "No policy": the form's own sampling and nothing else (so a comparison changes only the policy). */
export function noPolicy(d: Draft): Record<string, unknown> {
  const sampling: Record<string, unknown> = { temperature: d.params.temperature };
  if (d.params.top_p !== undefined) sampling.top_p = d.params.top_p;
  if (d.params.top_k !== undefined) sampling.top_k = d.params.top_k;
  if (d.params.sampling_method !== undefined) sampling.method = d.params.sampling_method;
  return { sampling };
}

export function draftPrompt(d: Draft, template?: ChatTemplate): string {
  if (d.mode !== 'chat') return d.prompt;
  const messages = d.composer.trim() ? [...d.messages, { role: 'user' as const, content: d.composer }] : d.messages;
  return renderChat(messages, template);
}
