// @vitest-environment jsdom
// The guided output under the conversation: the structure so far while a JSON output streams; when it is done, the
// in-page validity badge, the parsed tree and the server's own word (the direct route's check, a policy's flags).
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestObject } from '../../api/request-object.ts';
import type { RunState } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';
import { GuideOutput } from './guide-output-slot.tsx';

const SCHEMA = {
  type: 'object',
  properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
  required: ['topic', 'confidence'],
  additionalProperties: false,
};

const request = (path: string, body: Record<string, unknown>): RequestObject => ({
  method: 'POST',
  url: `http://127.0.0.1:8420${path}`,
  headers: {},
  body,
  meta: { target: 'local', baseUrl: 'http://127.0.0.1:8420', path },
});

function showRun(r: Partial<RunState> & Pick<RunState, 'request' | 'status'>, text: string, frames: string[] = []) {
  const run: RunState = {
    id: 'r1',
    mode: 'chat',
    transportUrl: r.request.url,
    tokens: [...text].map((t, n) => ({ text: t, n })),
    frames: frames.map((data, n) => ({ n, data, at: n })),
    startedAt: 0,
    ...r,
  };
  useStore.setState({ runs: { r1: run }, runOrder: ['r1'], activeRunId: 'r1' });
}

afterEach(cleanup);
beforeEach(() => useStore.setState({ runs: {}, runOrder: [], activeRunId: undefined }));

describe('GuideOutput', () => {
  const direct = request('/sampling/generate', { prompt: 'x', json_schema: SCHEMA, stream: true });

  it('shows nothing for a run without a guide', () => {
    showRun({ request: request('/v1/chat/completions', { messages: [] }), status: 'done' }, 'Hello');
    render(<GuideOutput />);
    expect(screen.queryByRole('region', { name: 'Guided output' })).toBeNull();
  });

  it('while streaming: how far along the structure is', async () => {
    showRun({ request: direct, status: 'running' }, '{"topic": "Em');
    render(<GuideOutput />);
    const line = await screen.findByTestId('structure-progress');
    expect(line.textContent).toMatch(/^Structure: \{.*"topic"/);
  });

  it('done: a valid badge, the parsed tree and the server’s check', async () => {
    const text = '{"topic": "Emma", "confidence": 0.5}';
    const complete = JSON.stringify({
      status: 'complete',
      result: { output: text, method_used: 'guided-generation', valid: true },
    });
    showRun({ request: direct, status: 'done' }, text, [complete]);
    render(<GuideOutput />);
    expect((await screen.findByTestId('validity-badge')).textContent).toBe('Valid');
    const tree = screen.getByRole('group', { name: 'Parsed value' });
    expect(tree.textContent).toContain('topic');
    expect(tree.textContent).toContain('Emma');
    expect(screen.getByTestId('server-check').textContent).toContain('valid');
  });

  it('done but invalid against the schema: the badge says so, with the place', async () => {
    showRun({ request: direct, status: 'done' }, '{"topic": "Emma"}');
    render(<GuideOutput />);
    expect((await screen.findByTestId('validity-badge')).textContent).toBe('Invalid');
    expect(screen.getByText(/confidence/)).toBeTruthy();
  });

  it('a policy run: the flags and the trace’s candidates', async () => {
    const policy = { constraints: { json_mode: true, json_schema: SCHEMA } };
    const candidate = {
      output: '{}',
      accepted: true,
      score: 0.4,
      latency_ms: 12,
      tokens: 2,
      constraints_ok: true,
      verifier_ok: false,
      reason: 'json_schema: missing',
      sampling_method: 'guided-generation',
      round: 0,
      slot: 1,
    };
    const last = JSON.stringify({
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      axionic: {
        policy: {
          policy_id: null,
          accepted: true,
          score: 0.4,
          latency_ms: 12,
          constraints_ok: true,
          verifier_ok: false,
          trace: { policy_name: null, candidates: [candidate], retry_events: [], selection: candidate },
        },
      },
    });
    showRun(
      { request: request('/v1/chat/completions', { messages: [], policy, include_trace: true }), status: 'done' },
      '{"topic": "Emma", "confidence": 1}',
      [last, '[DONE]'],
    );
    render(<GuideOutput />);
    const outcome = await screen.findByTestId('policy-outcome');
    expect(outcome.textContent).toContain('Verifier ok');
    const rows = screen.getByRole('table', { name: 'Candidates' }).querySelectorAll('tbody tr');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('json_schema: missing');
  });
});
