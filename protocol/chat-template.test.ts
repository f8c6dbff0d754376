import { describe, expect, it } from 'vitest';
import { CHAT_TEMPLATE, chatTemplateSchema, renderChat } from './chat-template.ts';

describe('chat template', () => {
  it('renders system lines, User/Assistant turns, and the generation prompt', () => {
    expect(
      renderChat([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Good day.' },
        { role: 'user', content: 'And?' },
      ]),
    ).toBe('Be brief.\nUser: Hello\nAssistant: Good day.\nUser: And?\nAssistant: ');
    expect(CHAT_TEMPLATE.stop).toEqual(['\nUser:']);
  });

  it("keeps content with replacement patterns ($&, $', $`) as it is", () => {
    expect(renderChat([{ role: 'user', content: "a $' b $& c $` d $$" }])).toBe(
      "User: a $' b $& c $` d $$\nAssistant: ",
    );
  });
});

describe('renderChat with another template', () => {
  const template = {
    system: '<s>{content}</s>',
    user: '[U]{content}',
    assistant: '[A]{content}',
    generation_prompt: '[A]',
    stop: ['[U]'],
  };

  it('uses each role through the given template, then its generation prompt', () => {
    expect(
      renderChat(
        [
          { role: 'system', content: 'S' },
          { role: 'user', content: 'u' },
          { role: 'assistant', content: 'a' },
        ],
        template,
      ),
    ).toBe('<s>S</s>[U]u[A]a[A]');
  });

  it('puts {content} inside content in literally (replaced once)', () => {
    expect(renderChat([{ role: 'user', content: 'x {content} y' }], template)).toBe('[U]x {content} y[A]');
  });

  it('the served template parses with the schema clients read it with', () => {
    expect(chatTemplateSchema.parse(CHAT_TEMPLATE)).toEqual(CHAT_TEMPLATE);
  });
});

describe('continue_final_message', () => {
  it('leaves the final assistant message open: no newline, no new generation prompt', () => {
    expect(
      renderChat(
        [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Good da' },
        ],
        CHAT_TEMPLATE,
        { continueFinal: true },
      ),
    ).toBe('User: Hi\nAssistant: Good da');
  });
});
