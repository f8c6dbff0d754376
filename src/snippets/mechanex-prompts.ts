// The prompts a mechanex call sends for a request: mechanex has no chat call, so a chat's messages are flattened
// into one prompt with the model's chat template; a completions body may carry several prompts (one call each).
import { z } from 'zod';
import { CHAT_TEMPLATE, renderChat } from '../../protocol/chat-template.ts';
import type { RequestObject } from '../api/request-object.ts';
import type { JsonObject } from './policy-shape.ts';
import { routeOf } from './request-parts.ts';

export interface MechanexPrompts {
  prompts: string[];
  /** The body fields the prompts came from (`messages` or `prompt`), when they could be read. */
  used: string[];
  notes: string[];
}

/** `messages` of a body: a list of { role, content } with string contents. */
const messagesSchema = z.array(z.object({ role: z.string(), content: z.string() }));

export function mechanexPrompts(req: RequestObject, body: JsonObject): MechanexPrompts {
  const route = routeOf(req);
  if (route === 'chat') {
    const parsed = messagesSchema.safeParse(body.messages);
    if (!parsed.success) return { prompts: [], used: [], notes: [] };
    const template = req.meta.chatTemplate ?? CHAT_TEMPLATE;
    return {
      prompts: [renderChat(parsed.data, template)],
      used: ['messages'],
      notes: [
        "mechanex has no chat call: the messages are flattened into one prompt with the model's chat template" +
          (req.meta.chatTemplate ? '.' : " (the local server's default one: this request carried none)."),
        `The chat route also stops at ${JSON.stringify(template.stop)}; mechanex cannot send stop, so the text may run on into a new turn.`,
      ],
    };
  }
  const p = body.prompt;
  let prompts: string[] = [];
  if (typeof p === 'string') prompts = [p];
  else if (Array.isArray(p) && p.every((x) => typeof x === 'string')) prompts = p;
  const notes = prompts.length > 1 ? ['mechanex takes one prompt per call: the snippet calls it once per prompt.'] : [];
  return { prompts, used: prompts.length ? ['prompt'] : [], notes };
}
