// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DRAFT } from '../store/draft.ts';
import { selectActiveRun } from '../store/runs-slice.ts';
import { useStore } from '../store/store.ts';
import { sendChat as startRun } from './chat-flows.ts';
import { useNextRequest } from './use-next-request.ts';

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

function stubFetch(frames: string[]): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({
        url,
        headers: init.headers as Record<string, string>,
        body: JSON.parse(String(init.body)),
      });
      return new Response(frames.map((f) => `data: ${f}\n\n`).join(''), {
        headers: { 'content-type': 'text/event-stream' },
      });
    }),
  );
  return sent;
}

const chunk = (content: string) =>
  JSON.stringify({
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  });

const completionChunk = (text: string) =>
  JSON.stringify({
    id: 'c',
    object: 'text_completion',
    created: 1,
    model: 'm',
    choices: [{ text, index: 0, logprobs: null, finish_reason: null }],
  });

beforeEach(() => {
  useStore.setState({
    target: 'local',
    keys: { local: 'ax_local_0123456789', hosted: 'ax_hosted_abcdef0123', custom: '' },
    draft: {
      ...DEFAULT_DRAFT,
      mode: 'chat',
      messages: [{ id: 'm1', role: 'system', content: 'Be brief.' }],
      composer: 'Hello there',
      params: { max_tokens: 12, temperature: 0.5, top_k: 7, stop: ['\n\n'], seed: 4 },
    },
    runs: {},
    runOrder: [],
    activeRunId: undefined,
    history: [],
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the run controller sends exactly the request the inspector and snippets show', () => {
  it('chat with a pending composer message: same URL, headers and body', async () => {
    const shown = renderHook(() => useNextRequest(undefined)).result.current;
    expect(shown.request).toBeDefined();
    const sent = stubFetch([chunk('Go'), chunk('od'), '[DONE]']);
    await startRun(undefined);
    expect(sent).toHaveLength(1);
    const [s] = sent;
    expect(s?.url).toBe(shown.transportUrl);
    expect(s?.headers).toEqual(shown.request?.headers);
    expect(s?.body).toEqual(shown.request?.body);
    expect((s?.body as { messages?: unknown[] } | undefined)?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello there' },
    ]);
    // the composer's text joined the list, and the inspector now shows the same body for the run
    const st = useStore.getState();
    expect(st.draft.composer).toBe('');
    // the reply streamed into the conversation as an assistant message
    expect(st.draft.messages.map((m) => [m.role, m.content])).toEqual([
      ['system', 'Be brief.'],
      ['user', 'Hello there'],
      ['assistant', 'Good'],
    ]);
    expect(selectActiveRun(st)?.request.body).toEqual(s?.body);
  });

  it('every streamed token reaches the run, in order, and the run is filed in history', async () => {
    stubFetch([chunk('a'), chunk('b'), chunk('c'), '[DONE]']);
    await startRun(undefined);
    const run = selectActiveRun(useStore.getState());
    expect(run?.status).toBe('done');
    expect(run?.tokens.map((t) => t.text).join('')).toBe('abc');
    expect(run?.tokens.map((t) => t.n)).toEqual([0, 1, 2]);
    expect(run?.frames).toHaveLength(4);
    // filed in a task of its own, just after
    await vi.waitFor(() => expect(useStore.getState().history[0]?.output).toBe('abc'));
  });

  it('the hosted target goes through the relay with both keys; what is shown is what is sent', async () => {
    useStore.setState((s) => ({ target: 'hosted', draft: { ...s.draft, mode: 'completion', composer: '' } }));
    const shown = renderHook(() => useNextRequest(undefined)).result.current;
    const sent = stubFetch([completionChunk('x'), '[DONE]']);
    await startRun(undefined);
    expect(sent[0]?.url).toBe(`${location.origin}/upstream/v1/completions`);
    expect(shown.transportUrl).toBe(sent[0]?.url);
    expect(sent[0]?.headers).toMatchObject({
      'x-api-key': 'ax_hosted_abcdef0123',
      'x-axplay-key': 'ax_local_0123456789',
    });
    expect(sent[0]?.body).toEqual(shown.request?.body);
    expect(shown.request?.url).toBe('https://api.axioniclabs.ai/v1/completions');
  });

  it('raw mode sends the edited body; broken JSON is an error run and nothing is sent', async () => {
    useStore.setState((s) => ({ draft: { ...s.draft, rawBody: '{"model": "x", "messages": [], "odd": 1}' } }));
    const sent = stubFetch(['[DONE]']);
    await startRun(undefined);
    expect(sent[0]?.body).toEqual({ model: 'x', messages: [], odd: 1 });
    useStore.setState((s) => ({ draft: { ...s.draft, rawBody: '{"model": ' } }));
    await startRun(undefined);
    expect(sent).toHaveLength(1);
    expect(selectActiveRun(useStore.getState())?.status).toBe('error');
    expect(selectActiveRun(useStore.getState())?.error).toMatch(/not valid JSON/);
  });
});
