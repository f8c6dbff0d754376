// Chat messages flattened into one prompt with the server's chat template, for clients that have no chat call.
import type { ChatTemplate } from '../api/request-object.ts';

/** The local server's template (server/chat-template.ts, served in GET /models as `chat_template`). */
export const DEFAULT_CHAT_TEMPLATE: ChatTemplate = {
  system: '{content}\n',
  user: 'User: {content}\n',
  assistant: 'Assistant: {content}\n',
  generation_prompt: 'Assistant: ',
  stop: ['\nUser:'],
};

export interface PromptMessage {
  role: string;
  content: string;
}

/** Reads `messages` from a body: an array of { role, content } objects with string contents, else undefined. */
export function promptMessages(v: unknown): PromptMessage[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: PromptMessage[] = [];
  for (const m of v) {
    if (typeof m !== 'object' || m === null) return undefined;
    const { role, content } = m as Record<string, unknown>;
    if (typeof role !== 'string' || typeof content !== 'string') return undefined;
    out.push({ role, content });
  }
  return out;
}

/** Each message through its role's template ({content} replaced literally, once), then the generation prompt. */
export function flattenChat(messages: readonly PromptMessage[], template: ChatTemplate): string {
  let s = '';
  for (const m of messages) {
    const t = m.role === 'system' ? template.system : m.role === 'assistant' ? template.assistant : template.user;
    s += t.replace('{content}', () => m.content);
  }
  return s + template.generation_prompt;
}
