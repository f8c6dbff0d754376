// @vitest-environment jsdom
// Steering comparisons: each cell is the draft's own request with only the strength changed, all on one seed (the
// draft's, or one picked for the comparison), streamed together without touching the conversation or history;
// each ended cell is scored for coherence by an unsteered echo call; a draft that cannot run says why instead.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_STEERING, SWEEP_FACTORS, sweepBase } from '../api/steering.ts';
import { baseUrlOf } from '../store/connection-slice.ts';
import { DEFAULT_DRAFT } from '../store/draft.ts';
import { useStore } from '../store/store.ts';
import { compareStrengths } from './steering-flows.ts';

interface Seen {
  url: string;
  body: Record<string, unknown>;
}

const chat = (text: string) =>
  `data: ${JSON.stringify({
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'austen-mini',
    choices: [{ index: 0, delta: { content: text }, finish_reason: null }],
  })}\n\ndata: [DONE]\n\n`;

/** Streams a text per strength; answers the coherence echo with one log-probability per character. */
function stubServer(): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      seen.push({ url, body });
      if (url.endsWith('/v1/completions')) {
        const prompt = String(body.prompt);
        const tokens = [...prompt];
        // "!" is unlikely under the unsteered model
        const token_logprobs = tokens.map((c) => (c === '!' ? -5 : -1));
        return Response.json({
          id: 'x',
          object: 'text_completion',
          created: 1,
          model: 'austen-mini',
          choices: [
            {
              index: 0,
              text: prompt,
              finish_reason: 'length',
              logprobs: { tokens, token_logprobs, text_offset: tokens.map((_, i) => i) },
            },
          ],
        });
      }
      const s = Number(body.steering_strength ?? 0);
      return new Response(chat(s === 0 ? 'calm.' : '!!!!!'), { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  return seen;
}

const vector = { vectorId: 'austen-mini/exclamation', vectorName: 'exclamation' };

beforeEach(() => {
  useStore.setState({
    runs: {},
    runOrder: [],
    activeRunId: undefined,
    history: [],
    steeringView: undefined,
    target: 'local',
    draft: { ...DEFAULT_DRAFT, composer: 'Hello.', params: { ...DEFAULT_DRAFT.params, seed: undefined } },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('compareStrengths', () => {
  it('side by side: the draft’s request at 0 and at the strength, one seed, scored, the thread untouched', async () => {
    const seen = stubServer();
    await compareStrengths('side', { ...DEFAULT_STEERING, vectorId: vector.vectorId, strength: 2 }, [0, 1], vector);
    const runs = seen.filter((s) => s.url.endsWith('/v1/chat/completions'));
    expect(runs).toHaveLength(2);
    const [plain, steered] = runs.map((r) => r.body);
    expect(plain).not.toHaveProperty('steering_vector_id');
    expect(steered).toMatchObject({ steering_vector_id: vector.vectorId, steering_strength: 2 });
    expect(plain?.seed).toBeTypeOf('number');
    expect(steered?.seed).toBe(plain?.seed);
    expect(plain?.messages).toEqual([{ role: 'user', content: 'Hello.' }]);
    const s = useStore.getState();
    const view = s.steeringView;
    expect(view).toMatchObject({ kind: 'side', seed: plain?.seed, vectorId: vector.vectorId });
    expect(view?.cells.map((c) => c.coherence?.state)).toEqual(['done', 'done']);
    const [c0, c2] = view?.cells ?? [];
    // "calm." scores -1 per char; "!!!!!" -5 per char
    expect(c0?.coherence).toMatchObject({ meanLogprob: -1, chars: 5 });
    expect(c2?.coherence).toMatchObject({ meanLogprob: -5, chars: 5 });
    // the scoring call is unsteered and continues the rendered conversation
    const scoring = seen.filter((x) => x.url.endsWith('/v1/completions'));
    expect(scoring).toHaveLength(2);
    for (const x of scoring) {
      expect(x.body).not.toHaveProperty('steering_vector_id');
      expect(x.body).toMatchObject({ echo: true, logprobs: 0 });
    }
    expect(s.draft.messages).toEqual([]);
    expect(s.draft.composer).toBe('Hello.');
    expect(s.history).toEqual([]);
  });

  it('a sweep runs five strengths from 0 to the slider’s, with the draft’s own seed when it has one', async () => {
    const seen = stubServer();
    useStore.setState({ draft: { ...useStore.getState().draft, params: { ...DEFAULT_DRAFT.params, seed: 11 } } });
    await compareStrengths('sweep', { vectorId: vector.vectorId, strength: 1.5 }, SWEEP_FACTORS, vector);
    const runs = seen.filter((s) => s.url.endsWith('/v1/chat/completions')).map((r) => r.body);
    expect(runs.map((b) => b.steering_strength ?? 0)).toEqual([0, 0.38, 0.75, 1.13, 1.5]);
    expect(new Set(runs.map((b) => b.seed))).toEqual(new Set([11]));
    expect(useStore.getState().steeringView?.cells).toHaveLength(5);
  });

  it('says why instead of running when the draft cannot run', async () => {
    const seen = stubServer();
    useStore.setState({ draft: { ...useStore.getState().draft, composer: '' } });
    await compareStrengths('side', { vectorId: vector.vectorId, strength: 1 }, [0, 1], vector);
    expect(seen).toEqual([]);
    expect(useStore.getState().steeringView?.error).toMatch(/write a message/);
    await compareStrengths('side', DEFAULT_STEERING, [0, 1], { vectorId: ' ', vectorName: '' });
    expect(useStore.getState().steeringView?.error).toMatch(/Pick a steering vector/);
  });
});

describe('the sweep', () => {
  it('scales the steering as set from off to all of it (the picked vector at 2 when it is off), labels its cells', async () => {
    const seen = stubServer();
    const mine = { vectorId: vector.vectorId, strength: 0 };
    expect(sweepBase(mine)).toEqual({ ...mine, strength: 2 });
    await compareStrengths('sweep', sweepBase({ ...mine, strength: -1 }), SWEEP_FACTORS, vector);
    const runs = seen.filter((s) => s.url.endsWith('/v1/chat/completions')).map((r) => r.body);
    expect(runs.map((b) => b.steering_strength ?? 0)).toEqual([0, -0.25, -0.5, -0.75, -1]);
    expect(useStore.getState().steeringView?.cells.map((c) => c.label)).toEqual([
      'Strength 0',
      'Strength -0.25',
      'Strength -0.5',
      'Strength -0.75',
      'Strength -1',
    ]);
  });

  it('a mix travels as one inline vector: the floats × strengths summed, each cell scaled', async () => {
    const seen = stubServer();
    const mix = {
      vectorId: 'a',
      strength: 1,
      more: [{ vectorId: 'b', strength: -2 }],
      floats: { a: { '3': [1, 2] }, b: { '3': [0.5, 0], '5': [1, 1] } },
      floatsFrom: baseUrlOf(useStore.getState()),
    };
    await compareStrengths('sweep', mix, [0, 0.5, 1], { vectorId: 'a', vectorName: 'a 1 + b -2' });
    const runs = seen.filter((s) => s.url.endsWith('/v1/chat/completions')).map((r) => r.body);
    expect(runs[0]).not.toHaveProperty('steering_vector');
    expect(runs[1]).toMatchObject({ steering_vector: { '3': [0, 1], '5': [-1, -1] }, steering_strength: 1 });
    expect(runs[2]).toMatchObject({ steering_vector: { '3': [0, 2], '5': [-2, -2] }, steering_strength: 1 });
    expect(runs[2]).not.toHaveProperty('steering_vector_id');
    expect(useStore.getState().steeringView?.cells.map((c) => c.label)).toEqual(['Strength 0', 'Mix ×0.5', 'Mix ×1']);
  });
});
