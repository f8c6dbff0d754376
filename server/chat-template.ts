// How chat messages become the local model's prompt. The model is a base model with no chat training, so the
// template is plain text: system messages first, then "User: …" / "Assistant: …" lines, ending with
// "Assistant: " for the reply; generation also stops when the model starts a new "\nUser:" turn.
import type { ChatMessage } from '../protocol/chat.ts';

export const CHAT_TEMPLATE = {
  description:
    'System messages as plain lines, then one "User: <content>" or "Assistant: <content>" line per message, ending with "Assistant: "; generation stops at "\\nUser:".',
  system: '{content}\n',
  user: 'User: {content}\n',
  assistant: 'Assistant: {content}\n',
  generation_prompt: 'Assistant: ',
  stop: ['\nUser:'],
} as const;

export function renderChat(messages: readonly Pick<ChatMessage, 'role' | 'content'>[]): string {
  let s = '';
  for (const m of messages) {
    const t =
      m.role === 'system' ? CHAT_TEMPLATE.system : m.role === 'user' ? CHAT_TEMPLATE.user : CHAT_TEMPLATE.assistant;
    s += t.replace('{content}', () => m.content); // a function: `$&`, `$'` in content are not patterns
  }
  return s + CHAT_TEMPLATE.generation_prompt;
}
