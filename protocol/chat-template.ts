// How chat messages become the local model's prompt. The model is a base model with no chat training, so the
// template is plain text: system messages first, then "User: …" / "Assistant: …" lines, ending with
// "Assistant: " for the reply; generation also stops when the model starts a new "\nUser:" turn.
// The server renders chats with it and serves it in GET /models; clients without a chat call (mechanex) flatten
// a chat with the template the model lists.
import { z } from 'zod';

export const chatTemplateSchema = z.object({
  description: z.string().optional(),
  system: z.string(),
  user: z.string(),
  assistant: z.string(),
  generation_prompt: z.string(),
  stop: z.array(z.string()),
});
export type ChatTemplate = z.infer<typeof chatTemplateSchema>;

export const CHAT_TEMPLATE = {
  description:
    'System messages as plain lines, then one "User: <content>" or "Assistant: <content>" line per message, ending with "Assistant: "; generation stops at "\\nUser:".',
  system: '{content}\n',
  user: 'User: {content}\n',
  assistant: 'Assistant: {content}\n',
  generation_prompt: 'Assistant: ',
  stop: ['\nUser:'],
} as const satisfies ChatTemplate;

export interface TemplateMessage {
  readonly role: string;
  readonly content: string;
}

const roleTemplate = (role: string, template: ChatTemplate) =>
  role === 'system' ? template.system : role === 'assistant' ? template.assistant : template.user;

/**
 * Each message through its role's template ({content} replaced literally, once), then the generation prompt.
 * With `continueFinal` (the `continue_final_message` extension, as vLLM names it) the last message — an
 * assistant's — is left open instead: its template up to and including its content, no generation prompt, so the
 * model continues that reply.
 */
export function renderChat(
  messages: readonly TemplateMessage[],
  template: ChatTemplate = CHAT_TEMPLATE,
  o: { continueFinal?: boolean } = {},
): string {
  const closed = o.continueFinal ? messages.slice(0, -1) : messages;
  let s = '';
  for (const m of closed) s += roleTemplate(m.role, template).replace('{content}', () => m.content); // a function: `$&`, `$'` in content are not patterns
  const last = messages.at(-1);
  if (o.continueFinal && last) {
    const open = roleTemplate(last.role, template).split('{content}')[0] ?? '';
    return s + open + last.content;
  }
  return s + template.generation_prompt;
}
