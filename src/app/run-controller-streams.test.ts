// @vitest-environment jsdom
// The run controller's batching, Stop, and several runs at once (each with its own controller).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestObject } from '../api/request-object.ts';
import { DEFAULT_DRAFT } from '../store/draft.ts';
import { useStore } from '../store/store.ts';
import { runRequestObject, stopRun } from './run-controller.ts';

const chunk = (text: string) =>
  `data: ${JSON.stringify({
    id: 'c',
    object: 'text_completion',
    created: 1,
    model: 'm',
    choices: [{ text, index: 0, logprobs: null, finish_reason: null }],
  })}\n\n`;

const request = (prompt: string): RequestObject => ({
  method: 'POST',
  url: 'http://127.0.0.1:8420/v1/completions',
  headers: { 'Content-Type': 'application/json', 'x-api-key': 'ax_k' },
  body: { prompt, stream: true },
  meta: { target: 'local', baseUrl: 'http://127.0.0.1:8420', path: '/v1/completions' },
});

/** A server stand-in: each request's prompt picks a script of SSE text; `hang` keeps the stream open. */
function stubServer(script: (prompt: string) => { text: string; hang?: boolean }) {
  const signals: AbortSignal[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const { prompt } = JSON.parse(String(init.body)) as { prompt: string };
      const s = script(prompt);
      const signal = init.signal as AbortSignal;
      signals.push(signal);
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(s.text));
          if (!s.hang) c.close();
          signal.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  return signals;
}

beforeEach(() => {
  useStore.setState({ runs: {}, runOrder: [], activeRunId: undefined, history: [], draft: DEFAULT_DRAFT });
});
afterEach(() => vi.unstubAllGlobals());

describe('run controller', () => {
  it('appends a burst of frames to the store in a few batches, never one store update per token', async () => {
    const n = 200;
    stubServer(() => ({
      text: `${Array.from({ length: n }, (_, i) => chunk(String(i % 10))).join('')}data: [DONE]\n\n`,
    }));
    const spy = vi.spyOn(useStore.getState(), 'appendToRun');
    useStore.setState({ appendToRun: spy as never });
    const { id } = await runRequestObject(request('burst'), { mode: 'completion' });
    const run = useStore.getState().runs[id];
    expect(run?.tokens).toHaveLength(n);
    expect(run?.tokens.map((t) => t.text).join('')).toBe(Array.from({ length: n }, (_, i) => String(i % 10)).join(''));
    expect(run?.frames).toHaveLength(n + 1);
    expect(spy.mock.calls.length).toBeGreaterThan(0);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('Stop ends the named run at once, keeps its partial output and marks it stopped', async () => {
    const signals = stubServer(() => ({ text: chunk('par') + chunk('tial'), hang: true }));
    const done = runRequestObject(request('slow'), { mode: 'completion' });
    await vi.waitFor(() =>
      expect(useStore.getState().runs[useStore.getState().activeRunId ?? '']?.tokens.length).toBe(2),
    );
    const id = useStore.getState().activeRunId;
    stopRun(id);
    await done;
    const run = useStore.getState().runs[id ?? ''];
    expect(run?.status).toBe('stopped');
    expect(run?.tokens.map((t) => t.text).join('')).toBe('partial');
    expect(signals[0]?.aborted).toBe(true);
    await vi.waitFor(() =>
      expect(useStore.getState().history[0]).toMatchObject({ status: 'stopped', output: 'partial' }),
    );
  });

  it('runs several requests at once; stopping one leaves the others streaming to their end', async () => {
    const signals = stubServer((p) =>
      p === 'a'
        ? { text: chunk('A1') + chunk('A2'), hang: true }
        : { text: `${chunk('B1')}${chunk('B2')}data: [DONE]\n\n` },
    );
    const a = runRequestObject(request('a'), { mode: 'completion', group: 'g' });
    const b = runRequestObject(request('b'), { mode: 'completion', group: 'g', activate: false });
    const { id: idB } = await b;
    const idA = useStore.getState().activeRunId ?? '';
    expect(idA).not.toBe(idB);
    await vi.waitFor(() => expect(useStore.getState().runs[idA]?.tokens).toHaveLength(2));
    stopRun(idA);
    await a;
    const s = useStore.getState();
    expect(s.runs[idA]).toMatchObject({ status: 'stopped', group: 'g' });
    expect(s.runs[idB]).toMatchObject({ status: 'done', group: 'g' });
    expect(s.runs[idB]?.tokens.map((t) => t.text)).toEqual(['B1', 'B2']);
    expect(signals.map((x) => x.aborted)).toEqual([true, false]);
  });
});
