// @vitest-environment jsdom
// The create-behavior dialog as a user meets it: a labelled modal; pairs checked line by line (Create disabled while
// they are wrong, too few, or the name is empty); Create sends one POST with an indeterminate progress bar counting
// seconds, then the behavior's separation in words, threshold and vector, and Monitor with it; a name in use said on
// the Name field; a refused pair pointed at by its line; Stop; Upload; Escape and focus going back.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_BEHAVIOR_DESCRIPTION } from '../../api/behavior-pairs.ts';
import type { Behavior, BehaviorCreateRequest } from '../../api/behaviors-client.ts';
import { useStore } from '../../store/store.ts';
import { STEERING_VECTORS_KEY } from '../../store/use-steering-api.ts';
import { CreateBehaviorDialog } from './create-behavior-dialog.tsx';

const CREATED: Behavior & Record<string, unknown> = {
  id: 'bh_7c93f73089959b69834be7b3',
  behavior_name: 'casual',
  description: EXAMPLE_BEHAVIOR_DESCRIPTION,
  steering_vector_id: 'sv_472e47a8ff12575fcd331a1b',
  model_id: 'austen-mini',
  hook_name: 'blocks.3.hook_resid_pre',
  sae_release: 'austen-mini-sae',
  created_at: '2026-01-01T00:00:00Z',
  built_in: false,
  threshold: 0.73890232594555,
  separation_auc: 0.8398261542792793,
  false_trigger_rate: null,
  sae_baseline_path: 'sqlite:behaviors/bh_7c93f73089959b69834be7b3',
  generation_prompts_path: null,
  sae_id: 'blocks.3.hook_resid_pre',
};

/** A fetch whose answer the test gives when it likes; an abort rejects it, as fetch does. */
function pendingFetch() {
  const calls: { url: string; init?: RequestInit }[] = [];
  let answer: ((r: Response) => void) | undefined;
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(
    (url, init) =>
      new Promise<Response>((resolve, reject) => {
        calls.push({ url: String(url), init });
        answer = resolve;
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('The operation was aborted.', 'AbortError')),
        );
      }),
  );
  return { spy, calls, answer: (r: Response) => answer?.(r) };
}

function renderDialog(over: Partial<Parameters<typeof CreateBehaviorDialog>[0]> = {}) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const invalidate = vi.spyOn(qc, 'invalidateQueries');
  const props = { open: true, onClose: vi.fn(), onMonitor: vi.fn(), ...over };
  render(
    <QueryClientProvider client={qc}>
      <CreateBehaviorDialog {...props} />
    </QueryClientProvider>,
  );
  return { props, invalidate, dialog: screen.getByRole('dialog', { name: 'Create behavior' }) };
}

const pairsBox = () => screen.getByRole('textbox', { name: 'Pairs (JSONL)' }) as HTMLTextAreaElement;
const nameBox = () => screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement;
const createButton = () => screen.getByRole('button', { name: 'Create' });
const good = (prompt: string) => JSON.stringify({ prompt, positive_answer: '"yo lol"', negative_answer: '"Indeed."' });
const problems = () =>
  within(screen.getByRole('list', { name: 'Problems in the pairs' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent);

/** A page with the button that opens the dialog. */
function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Create behavior
      </button>
      <CreateBehaviorDialog open={open} onClose={() => setOpen(false)} onMonitor={() => {}} />
    </>
  );
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});
beforeEach(() => {
  useStore.setState({ target: 'local', keys: { local: 'k', hosted: '', custom: '' } });
});

describe('CreateBehaviorDialog', () => {
  it('is a labelled modal whose controls are named by their labels', () => {
    const { dialog } = renderDialog();
    for (const name of ['Pairs (JSONL)', 'Name', 'Description'])
      expect(within(dialog).getByRole('textbox', { name })).toBeTruthy();
    expect(within(dialog).getByLabelText('Upload JSONL')).toHaveProperty('type', 'file');
    for (const name of ['Example', 'Create', 'Close'])
      expect(within(dialog).getByRole('button', { name })).toBeTruthy();
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(document.activeElement).toBe(pairsBox());
    expect(createButton()).toHaveProperty('disabled', true);
  });

  it('checks the pairs line by line, wants two of them and a name before Create', async () => {
    const user = userEvent.setup();
    const snippets = vi.fn((body: BehaviorCreateRequest | undefined) => <p>{body ? 'sendable' : 'not yet'}</p>);
    renderDialog({ snippets });
    await user.click(pairsBox());
    await user.paste(`${good('A ')}\n\n{"prompt": "B ", "negative_answer": "n"}\nnot json`);
    expect(problems()).toEqual(['line 3: positive_answer is missing', expect.stringMatching(/^line 4: not JSON/)]);
    expect(pairsBox()).toHaveAttribute('aria-invalid', 'true');
    await user.clear(pairsBox());
    await user.paste(good('A '));
    expect(problems()).toEqual(['1 pair: a behavior needs at least 2 (its separation is cross-validated over pairs)']);
    await user.paste(`\n${good('B ')}`);
    expect(problems()).toEqual([]);
    expect(screen.getByText(/2 pair\(s\) ready/)).toBeTruthy();
    expect(createButton()).toHaveProperty('disabled', true);
    expect(screen.getByText('not yet')).toBeTruthy();
    await user.type(nameBox(), '  ');
    expect(createButton()).toHaveProperty('disabled', true);
    await user.type(nameBox(), 'chatty');
    expect(createButton()).toHaveProperty('disabled', false);
    expect(screen.getByText('sendable')).toBeTruthy();
    expect(snippets).toHaveBeenLastCalledWith({
      behavior_name: 'chatty',
      description: undefined,
      prompts: ['A ', 'B '],
      positive_answers: ['"yo lol"', '"yo lol"'],
      negative_answers: ['"Indeed."', '"Indeed."'],
      model: 'austen-mini',
    });
  });

  it('sends one POST with a progress bar counting seconds, then shows the behavior; Monitor with it hands over its name', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const f = pendingFetch();
    const { props, invalidate } = renderDialog();
    await user.click(screen.getByRole('button', { name: 'Example' }));
    expect(pairsBox().value.split('\n')).toHaveLength(8);
    expect(nameBox().value).toBe('casual');
    expect(screen.getByRole('textbox', { name: 'Description' })).toHaveProperty('value', EXAMPLE_BEHAVIOR_DESCRIPTION);
    await user.click(createButton());

    expect(f.calls[0]?.url).toBe(`${location.origin}/behaviors/create`);
    expect(f.calls[0]?.init?.method).toBe('POST');
    const body = JSON.parse(String(f.calls[0]?.init?.body));
    expect(body).toMatchObject({
      behavior_name: 'casual',
      description: EXAMPLE_BEHAVIOR_DESCRIPTION,
      model: 'austen-mini',
    });
    expect(body.prompts).toHaveLength(8);
    expect(body.negative_answers).toHaveLength(8);
    expect(createButton()).toHaveProperty('disabled', true);
    const bar = screen.getByRole('progressbar', { name: 'Progress' });
    expect(bar.hasAttribute('value')).toBe(false); // indeterminate
    expect(screen.getByRole('status').textContent).toBe('Fitting the behavior to 8 pair(s)… 0 s');
    act(() => vi.advanceTimersByTime(2100));
    expect(screen.getByRole('status').textContent).toBe('Fitting the behavior to 8 pair(s)… 2 s');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Stop' })); // Create went disabled
    expect(invalidate).not.toHaveBeenCalled();
    act(() => f.answer(Response.json(CREATED)));

    const result = await screen.findByRole('region', { name: 'Behavior created' });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    const dts = [...result.querySelectorAll('dt')];
    expect(Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]))).toEqual({
      Name: 'casual',
      'Separation AUC': '0.84 (moderate)',
      Threshold: '0.739',
      'Correction vector': CREATED.steering_vector_id,
    });
    expect(result.textContent).toContain('The examples separate, with some overlap');
    expect(document.activeElement).toBe(within(result).getByRole('button', { name: 'Monitor with it' }));
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['behaviors'] });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: STEERING_VECTORS_KEY });
    await user.click(within(result).getByRole('button', { name: 'Monitor with it' }));
    expect(props.onMonitor).toHaveBeenCalledWith('casual');
    expect(props.onClose).toHaveBeenCalled();
  });

  it('words a weak separation as weak', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json({ ...CREATED, separation_auc: 0.64 }));
    renderDialog();
    await user.click(screen.getByRole('button', { name: 'Example' }));
    await user.click(createButton());
    const result = await screen.findByRole('region', { name: 'Behavior created' });
    expect(result.textContent).toContain('0.64 (weak)');
    expect(result.textContent).toContain('more or clearer pairs would help');
  });

  it('says a name in use on the Name field, until the name changes', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      Response.json(
        {
          error: {
            message: "behavior_name: a behavior named 'casual' already exists",
            type: 'invalid_request_error',
            param: 'behavior_name',
            code: 'conflict',
          },
        },
        { status: 409 },
      ),
    );
    renderDialog();
    await user.click(screen.getByRole('button', { name: 'Example' }));
    await user.click(createButton());
    expect((await screen.findByRole('alert')).textContent).toBe("Name: a behavior named 'casual' already exists");
    expect(nameBox()).toHaveAttribute('aria-invalid', 'true');
    expect(nameBox()).toHaveAccessibleDescription("Name: a behavior named 'casual' already exists");
    await user.type(nameBox(), '2');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(nameBox()).toHaveAttribute('aria-invalid', 'false');
  });

  it('shows a refusal in the server’s words with the line of the pair it names', async () => {
    const user = userEvent.setup();
    const message = "positive_answers[1]: prompts[1] + the answer is 300 characters; the model's context is 256";
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      Response.json(
        { error: { message, type: 'invalid_request_error', param: 'positive_answers[1]', code: 'invalid_value' } },
        { status: 400 },
      ),
    );
    renderDialog();
    await user.click(pairsBox());
    await user.paste(`${good('A ')}\n\n${good('B ')}`);
    await user.type(nameBox(), 'x');
    await user.click(createButton());
    expect((await screen.findByRole('alert')).textContent).toBe(
      "The server refused the pair on line 3 (positive_answers): prompts[1] + the answer is 300 characters; the model's context is 256",
    );
  });

  it('Stop aborts the request and says no behavior was made', async () => {
    const user = userEvent.setup();
    const f = pendingFetch();
    renderDialog();
    await user.click(screen.getByRole('button', { name: 'Example' }));
    await user.click(createButton());
    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    expect(f.calls[0]?.init?.signal?.aborted).toBe(true);
    expect((await screen.findByRole('alert')).textContent).toBe('Stopped: no behavior was made.');
    expect(createButton()).toHaveProperty('disabled', false);
    expect(document.activeElement).toBe(createButton());
  });

  it('Upload JSONL reads the file into the pairs', async () => {
    const user = userEvent.setup();
    renderDialog();
    const file = new File([`${good('From a file ')}\n${good('And more ')}\n`], 'pairs.jsonl', {
      type: 'application/jsonl',
    });
    await user.upload(screen.getByLabelText('Upload JSONL'), file);
    await waitFor(() => expect(pairsBox().value).toContain('From a file'));
    expect(screen.getByText(/2 pair\(s\) ready/)).toBeTruthy();
  });

  it('Escape asks to close; closing stops a request, gives focus back to the opener and keeps the typed pairs', async () => {
    const user = userEvent.setup();
    const f = pendingFetch();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <Opener />
      </QueryClientProvider>,
    );
    const opener = screen.getByRole('button', { name: 'Create behavior' });
    await user.click(opener);
    expect(document.activeElement).toBe(pairsBox());
    await user.click(screen.getByRole('button', { name: 'Example' }));
    await user.click(createButton());
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(f.calls[0]?.init?.signal?.aborted).toBe(true);
    expect(document.activeElement).toBe(opener);
    await user.click(opener);
    expect(pairsBox().value.split('\n')).toHaveLength(8);
    expect(screen.queryByRole('region', { name: 'Behavior created' })).toBeNull();
  });
});
