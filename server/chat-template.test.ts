import { describe, expect, it } from 'vitest';
import { CHAT_TEMPLATE, renderChat } from './chat-template.ts';

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
