import { describe, expect, it } from 'vitest';
import { CHAT_TEMPLATE } from '../../server/chat-template.ts';
import { DEFAULT_CHAT_TEMPLATE, flattenChat, promptMessages } from './chat-prompt.ts';

describe('flattenChat', () => {
  it('uses the same default template as the local server', () => {
    const { description: _, ...server } = CHAT_TEMPLATE;
    expect(DEFAULT_CHAT_TEMPLATE).toEqual(server);
  });

  it('renders system lines, User/Assistant turns and the generation prompt', () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: 'More' },
    ];
    expect(flattenChat(messages, DEFAULT_CHAT_TEMPLATE)).toBe(
      'Be brief.\nUser: Hi\nAssistant: Hello\nUser: More\nAssistant: ',
    );
  });

  it("puts content in literally: $& $' $` and {content} are not replacement patterns", () => {
    const content = "cost $& and $' and $` and {content}";
    expect(flattenChat([{ role: 'user', content }], DEFAULT_CHAT_TEMPLATE)).toBe(`User: ${content}\nAssistant: `);
  });

  it('reads only well-formed messages', () => {
    expect(promptMessages([{ role: 'user', content: 'x', name: null }])).toEqual([{ role: 'user', content: 'x' }]);
    expect(promptMessages([{ role: 'user', content: ['x'] }])).toBeUndefined();
    expect(promptMessages('x')).toBeUndefined();
  });
});
