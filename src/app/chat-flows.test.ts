// @vitest-environment jsdom
// The conversation flows: the reply streams into the thread; a failed run gives the composer its text back;
// Regenerate keeps versions; Continue extends the last reply; a connection lost mid-reply keeps the partial reply.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DRAFT } from '../store/draft.ts';
import { useStore } from '../store/store.ts';
import { continuePrompt, continueReply, regenerateReply, runPrompt, sendChat } from './chat-flows.ts';

const chunk = (content: string) =>
  `data: ${JSON.stringify({
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  })}\n\n`;

interface Sent {
  body: { messages: { role: string; content: string }[]; continue_final_message?: boolean };
}

/** Answers each request with the next script: SSE text, an error status, or a stream cut off after some text. */
function server(scripts: ({ text: string } | { status: number; body: unknown } | { cutAfter: string })[]): Sent[] {
  const sent: Sent[] = [];
  let i = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      sent.push({ body: JSON.parse(String(init.body)) });
      const s = scripts[i++] ?? { text: 'data: [DONE]\n\n' };
      if ('status' in s) return new Response(JSON.stringify(s.body), { status: s.status });
      if ('cutAfter' in s) {
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode(s.cutAfter));
            // later: erroring a stream drops what is still queued in it
            setTimeout(() => c.error(new TypeError('network error')), 20);
          },
        });
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
      }
      return new Response(s.text, { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  return sent;
}

const conversation = () => useStore.getState().draft.messages.map((m) => [m.role, m.content]);

beforeEach(() => {
  useStore.setState({
    runs: {},
    runOrder: [],
    activeRunId: undefined,
    history: [],
    undo: undefined,
    target: 'local',
    keys: { local: 'ax_local', hosted: '', custom: '' },
    draft: { ...DEFAULT_DRAFT, mode: 'chat', messages: [], composer: '', fieldText: {} },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('Run in chat', () => {
  it('the reply streams into the conversation as an assistant message', async () => {
    server([{ text: `${chunk('Good ')}${chunk('day')}data: [DONE]\n\n` }]);
    useStore.getState().patchDraft({ composer: 'Hello' });
    await sendChat();
    expect(conversation()).toEqual([
      ['user', 'Hello'],
      ['assistant', 'Good day'],
    ]);
    expect(useStore.getState().draft.composer).toBe('');
  });

  it('a run that fails before any reply leaves the conversation as it was and the text in the composer', async () => {
    const refusal = {
      status: 422,
      body: { detail: 'x', error: { message: 'max_tokens: bad', type: 'v', code: 'v', param: 'max_tokens' } },
    };
    server([refusal, refusal, refusal, refusal]);
    useStore.getState().patchDraft({ composer: 'Hello' });
    await sendChat();
    expect(conversation()).toEqual([]);
    expect(useStore.getState().draft.composer).toBe('Hello');
    const run = useStore.getState().runs[useStore.getState().activeRunId ?? ''];
    expect(run?.errorField).toBe('max_tokens');
    // four retries do not pile up four "Hello" messages
    for (let i = 0; i < 3; i++) await sendChat();
    expect(conversation()).toEqual([]);
  });

  it('a connection lost mid-reply keeps the partial reply, saying so', async () => {
    server([{ cutAfter: chunk('Partial reply') }]);
    useStore.getState().patchDraft({ composer: 'Hi' });
    await sendChat();
    const reply = useStore.getState().draft.messages[1];
    expect(reply?.content).toBe('Partial reply');
    expect(reply?.notice).toBe('Connection lost after 13 characters; the partial reply is kept.');
  });

  it('is refused while a field is invalid or there is nothing to send', async () => {
    const sent = server([]);
    await sendChat();
    useStore.getState().patchDraft({ composer: 'Hi', fieldText: { max_tokens: '100000' } });
    await sendChat();
    expect(sent).toHaveLength(0);
  });
});

describe('Regenerate and Continue', () => {
  it('Regenerate replaces a reply from the messages before it, and keeps the old one as a version', async () => {
    const sent = server([
      { text: `${chunk('First')}data: [DONE]\n\n` },
      { text: `${chunk('Second')}data: [DONE]\n\n` },
    ]);
    useStore.getState().patchDraft({ composer: 'Hello' });
    await sendChat();
    const id = useStore.getState().draft.messages[1]?.id ?? '';
    await regenerateReply(id);
    expect(sent[1]?.body.messages).toEqual([{ role: 'user', content: 'Hello' }]);
    const reply = useStore.getState().draft.messages[1];
    expect(reply).toMatchObject({ content: 'Second', versions: ['First', 'Second'], version: 1 });
    useStore.getState().showVersion(id, 0);
    expect(useStore.getState().draft.messages[1]?.content).toBe('First');
  });

  it('Continue sends the whole conversation with continue_final_message and appends to the last reply', async () => {
    const sent = server([
      { text: `${chunk('It is a')}data: [DONE]\n\n` },
      { text: `${chunk(' truth')}data: [DONE]\n\n` },
    ]);
    useStore.getState().patchDraft({ composer: 'Go on' });
    await sendChat();
    const id = useStore.getState().draft.messages[1]?.id ?? '';
    await continueReply(id);
    expect(sent[1]?.body.continue_final_message).toBe(true);
    expect(sent[1]?.body.messages.at(-1)).toEqual({ role: 'assistant', content: 'It is a' });
    expect(useStore.getState().draft.messages[1]?.content).toBe('It is a truth');
  });
});

describe('Delete and Clear chat, with undo', () => {
  it('undoes a delete and a clear', () => {
    const st = useStore.getState();
    const a = st.addMessage({ role: 'user', content: 'a' });
    st.addMessage({ role: 'assistant', content: 'b' });
    useStore.getState().deleteMessage(a);
    expect(conversation()).toEqual([['assistant', 'b']]);
    expect(useStore.getState().undo?.label).toBe('Message deleted');
    useStore.getState().undoLast();
    expect(conversation()).toEqual([
      ['user', 'a'],
      ['assistant', 'b'],
    ]);
    useStore.getState().clearChat();
    expect(conversation()).toEqual([]);
    useStore.getState().undoLast();
    expect(conversation()).toHaveLength(2);
  });
});

describe('a guided run', () => {
  const schemaGuide = {
    ...DEFAULT_DRAFT.guide,
    kind: 'json_schema' as const,
    transport: 'direct' as const,
    texts: { ...DEFAULT_DRAFT.guide.texts, json_schema: '{"type": "string"}' },
  };
  const frames = (text: string) =>
    `data: {"status":"token","index":0,"token":${JSON.stringify(text)},"text":${JSON.stringify(text)}}\n\n` +
    `data: ${JSON.stringify({ status: 'complete', result: { output: text, method_used: 'guided-generation' } })}\n\n`;

  it('Run sends the constraint; Continue in completion mode goes on as free text, without it', async () => {
    const urls: string[] = [];
    const bodies: Record<string, unknown>[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        urls.push(url);
        bodies.push(JSON.parse(String(init.body)));
        const text = urls.length === 1 ? frames('"Emma"') : `${chunk(' said')}data: [DONE]\n\n`;
        return new Response(text, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    useStore.getState().patchDraft({ mode: 'completion', prompt: 'Name: ', guide: schemaGuide });
    await runPrompt();
    expect(urls[0]).toMatch(/\/sampling\/generate$/);
    expect(bodies[0]).toMatchObject({ prompt: 'Name: ', json_schema: { type: 'string' } });
    await continuePrompt();
    expect(urls[1]).toMatch(/\/v1\/completions$/);
    expect(bodies[1]).toMatchObject({ prompt: 'Name: "Emma"' });
    expect(bodies[1]).not.toHaveProperty('policy');
    expect(useStore.getState().draft.guide.kind).toBe('json_schema'); // the guide stays for the next Run
  });
});
