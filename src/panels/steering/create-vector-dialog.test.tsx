// @vitest-environment jsdom
// The create-vector dialog as a user meets it: a labelled modal; pairs checked line by line (Create disabled while
// they are wrong); Create streams the server's frames into the progress bar, then the id, the separation in words
// and Try it; a refusal in the server's words pointing at the pair's line; Stop; Escape and focus going back.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SteeringGenerateResult } from '../../api/steering-client.ts';
import { useStore } from '../../store/store.ts';
import { CreateVectorDialog } from './create-vector-dialog.tsx';

const RESULT: SteeringGenerateResult = {
  steering_vector_id: 'sv_0123456789abcdef01234567',
  name: 'exclamatory',
  label: null,
  method: 'caa',
  model_name: 'austen-mini',
  layers: [2, 3],
  nodes: ['blocks.2.hook_resid_pre', 'blocks.3.hook_resid_pre'],
  norms: { '2': 1.5, '3': 2 },
  created_at: '2026-01-01T00:00:00Z',
  separation_auc: 0.97,
  separation_auc_by_layer: { '2': 0.94, '3': 1 },
  pairs: 5,
  note: 'A note from the server.',
};

/** A text/event-stream response whose frames the test sends one at a time; an abort errors it, as fetch does. */
function controlledStream(signal?: AbortSignal | null) {
  let ctrl: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      ctrl = c;
    },
  });
  signal?.addEventListener('abort', () => ctrl?.error(new DOMException('The operation was aborted.', 'AbortError')));
  const enc = new TextEncoder();
  return {
    response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    send: (f: unknown) => ctrl?.enqueue(enc.encode(`data: ${JSON.stringify(f)}\n\n`)),
    end: () => ctrl?.close(),
  };
}

function renderDialog(over: Partial<Parameters<typeof CreateVectorDialog>[0]> = {}) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const invalidate = vi.spyOn(qc, 'invalidateQueries');
  const props = { open: true, onClose: vi.fn(), onTry: vi.fn(), ...over };
  render(
    <QueryClientProvider client={qc}>
      <CreateVectorDialog {...props} />
    </QueryClientProvider>,
  );
  return { props, invalidate, dialog: screen.getByRole('dialog', { name: 'Create a steering vector' }) };
}

const pairsBox = () => screen.getByRole('textbox', { name: 'Pairs (JSONL)' }) as HTMLTextAreaElement;
const createButton = () => screen.getByRole('button', { name: 'Create' });
const good = (prompt: string) => JSON.stringify({ prompt, positive_answer: '"Oh!"', negative_answer: 'calmly.' });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => {
  useStore.setState({ target: 'local', keys: { local: 'k', hosted: '', custom: '' } });
});

/** A page with the button that opens the dialog. */
function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Create vector
      </button>
      <CreateVectorDialog open={open} onClose={() => setOpen(false)} onTry={() => {}} />
    </>
  );
}

describe('CreateVectorDialog', () => {
  it('is a labelled modal whose controls are named by their labels', () => {
    const { dialog } = renderDialog();
    for (const name of ['Pairs (JSONL)', 'Name', 'Layers'])
      expect(within(dialog).getByRole('textbox', { name })).toBeTruthy();
    expect(within(dialog).getByLabelText('Upload JSONL')).toHaveProperty('type', 'file');
    for (const name of ['Example', 'Create', 'Close'])
      expect(within(dialog).getByRole('button', { name })).toBeTruthy();
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(document.activeElement).toBe(pairsBox());
    expect(createButton()).toHaveProperty('disabled', true);
  });

  it('lists each problem of the pairs with its line and keeps Create disabled until they are right', async () => {
    const user = userEvent.setup();
    renderDialog();
    await user.click(pairsBox());
    await user.paste(`${good('A ')}\n\n{"prompt": "B ", "negative_answer": "n"}\nnot json`);
    const problems = screen.getByRole('list', { name: 'Problems in the pairs' });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['line 3: positive_answer is missing', expect.stringMatching(/^line 4: not JSON/)]);
    expect(pairsBox()).toHaveAttribute('aria-invalid', 'true');
    expect(createButton()).toHaveProperty('disabled', true);
    await user.clear(pairsBox());
    await user.paste(good('A '));
    expect(within(problems).queryAllByRole('listitem')).toHaveLength(0);
    expect(createButton()).toHaveProperty('disabled', false);
    await user.type(screen.getByRole('textbox', { name: 'Layers' }), '2, x');
    expect(screen.getByText(/"x" is not a layer number/)).toBeTruthy();
    expect(createButton()).toHaveProperty('disabled', true);
  });

  it('streams the frames into the progress bar, then shows the vector; Try it hands over its id and closes', async () => {
    const user = userEvent.setup();
    const stream = controlledStream();
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(stream.response);
    const { props, invalidate } = renderDialog();
    await user.click(screen.getByRole('button', { name: 'Example' }));
    expect(pairsBox().value.split('\n')).toHaveLength(5);
    await user.type(screen.getByRole('textbox', { name: 'Layers' }), '2, 3');
    await user.click(createButton());

    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe(`${location.origin}/steering/generate`);
    const body = JSON.parse(String(init?.body));
    expect(body).toMatchObject({ name: 'exclamatory', layer_idxs: [2, 3], method: 'caa', model: 'austen-mini' });
    expect(body.prompts).toHaveLength(5);
    expect(createButton()).toHaveProperty('disabled', true);

    const bar = () => screen.getByRole('progressbar', { name: 'Progress' }) as HTMLProgressElement;
    act(() => stream.send({ status: 'started', request_id: 'r', model: 'austen-mini', pairs: 5, layers: [2, 3] }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Started: 5 pair/));
    act(() =>
      stream.send({
        status: 'processing',
        message: 'Read the residuals of 4/10 examples',
        progress: 40,
        step: 'extract',
      }),
    );
    await waitFor(() => expect(bar().value).toBe(40));
    expect(screen.getByRole('status').textContent).toBe('Read the residuals of 4/10 examples');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    expect(invalidate).not.toHaveBeenCalled();
    act(() => {
      stream.send({ status: 'complete', result: RESULT });
      stream.end();
    });

    const result = await screen.findByRole('region', { name: 'Vector created' });
    expect(bar().value).toBe(100);
    expect(within(result).getByText(RESULT.steering_vector_id)).toBeTruthy();
    expect(result.textContent).toContain('0.97: the pairs define a clear direction');
    expect(result.textContent).toContain('Layer 20.94');
    expect(result.textContent).toContain('Layer 31.00');
    expect(result.textContent).toContain('A note from the server.');
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['steering-vectors'] });
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    await user.click(within(result).getByRole('button', { name: 'Try it' }));
    expect(props.onTry).toHaveBeenCalledWith(RESULT.steering_vector_id);
    expect(props.onClose).toHaveBeenCalled();
  });

  it('says plainly when the pairs do not separate, and when one pair cannot be measured', async () => {
    const user = userEvent.setup();
    const answers = [
      { ...RESULT, separation_auc: 0.52, separation_auc_by_layer: { '3': 0.52 } },
      { ...RESULT, separation_auc: null, separation_auc_by_layer: { '3': null } },
    ];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      const s = controlledStream();
      s.send({ status: 'complete', result: answers.shift() });
      s.end();
      return s.response;
    });
    renderDialog();
    await user.click(pairsBox());
    await user.paste(`${good('A ')}\n${good('B ')}`);
    await user.click(createButton());
    const result = await screen.findByRole('region', { name: 'Vector created' });
    expect(result.textContent).toContain('0.52: the pairs do not separate — more or clearer pairs');
    await user.click(createButton());
    const region = () => screen.getByRole('region', { name: 'Vector created' }).textContent;
    await waitFor(() => expect(region()).toContain('not measured: it needs at least two pairs'));
    expect(region()).toContain('Layer 3not measured');
  });

  it('shows a refusal in the server’s words with the line of the pair it names', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      Response.json(
        {
          error: {
            message: 'positive_answers[1]: prompts[1] + the answer is 300 characters; the model’s context is 256',
            type: 'invalid_request_error',
            param: 'positive_answers[1]',
            code: 'invalid_value',
          },
          detail: 'positive_answers[1]: prompts[1] + the answer is 300 characters; the model’s context is 256',
        },
        { status: 400 },
      ),
    );
    renderDialog();
    await user.click(pairsBox());
    await user.paste(`${good('A ')}\n\n${good('B ')}`);
    await user.click(createButton());
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The server refused the pair on line 3 (positive_answers): prompts[1] + the answer is 300 characters; the model’s context is 256',
    );
  });

  it('Stop aborts the stream and says no vector was made', async () => {
    const user = userEvent.setup();
    let signal: AbortSignal | undefined;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_u, init) => {
      signal = init?.signal ?? undefined;
      const s = controlledStream(signal);
      s.send({ status: 'started', request_id: 'r', model: 'm', pairs: 1, layers: [3] });
      return s.response;
    });
    renderDialog();
    await user.click(pairsBox());
    await user.paste(good('A '));
    await user.click(createButton());
    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    expect(signal?.aborted).toBe(true);
    expect((await screen.findByRole('alert')).textContent).toBe('Stopped: no vector was made.');
    expect(createButton()).toHaveProperty('disabled', false);
  });

  it('Upload JSONL reads the file into the pairs', async () => {
    const user = userEvent.setup();
    renderDialog();
    const file = new File([`${good('From a file ')}\n`], 'pairs.jsonl', { type: 'application/jsonl' });
    await user.upload(screen.getByLabelText('Upload JSONL'), file);
    await waitFor(() => expect(pairsBox().value).toContain('From a file'));
    expect(screen.getByText(/1 pair\(s\) ready/)).toBeTruthy();
  });

  it('Escape asks to close; closing gives focus back to the opener and keeps the typed pairs', async () => {
    const user = userEvent.setup();
    const qc = new QueryClient();
    render(
      <QueryClientProvider client={qc}>
        <Opener />
      </QueryClientProvider>,
    );
    const opener = screen.getByRole('button', { name: 'Create vector' });
    await user.click(opener);
    expect(document.activeElement).toBe(pairsBox());
    await user.paste('{"prompt": ');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    await user.click(opener);
    expect(pairsBox().value).toBe('{"prompt": ');
  });
});
