// @vitest-environment jsdom
// The feature page as a user meets it: a labelled modal "Feature {index}" that asks GET /sae/features for one latent
// and shows its label and measures, its candidates, and its top contexts with the active character marked; a dead
// latent, a refusal in words, the hosted target (no feature pages there), Escape/Close and focus going back.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaeFeature } from '../../api/behaviors-client.ts';
import { useStore } from '../../store/store.ts';
import { FeaturePage } from './feature-page.tsx';

const FEATURE: SaeFeature = {
  index: 20,
  label: 'in the word "Sir"',
  label_auc: 0.9982,
  precision: 0.4567,
  recall: 0.9123,
  candidates: [
    { id: 'word:Sir', label: 'in the word "Sir"', auc: 0.9982 },
    { id: 'char:S', label: 'the character "S"', auc: 0.81 },
  ],
  density: 0.00528,
  dead: false,
  top_contexts: [
    { text: 'said Sir Walter', at: 5, value: 1.239 },
    { text: 'Sir Walter, and', at: 3, value: 0.5 },
  ],
};

const page = (features: SaeFeature[], total = 1024) =>
  Response.json({ hook: 'blocks.3.hook_resid_pre', sae_release: 'r', total, offset: 20, features });

function renderPage(index = 20, onClose = vi.fn()) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <FeaturePage index={index} onClose={onClose} />
    </QueryClientProvider>,
  );
  return { onClose, dialog: screen.getByRole('dialog', { name: `Feature ${index}` }) };
}

/** A page with a button that opens latent 20's page. */
function Opener({ onClose }: { onClose(): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Latent 20
      </button>
      {open && (
        <FeaturePage
          index={20}
          onClose={() => {
            onClose();
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => {
  useStore.setState({ target: 'local', keys: { local: 'k', hosted: 'hk', custom: '' } });
});

describe('FeaturePage', () => {
  it('asks for the one latent and shows its label, measures, candidates and marked contexts', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => page([FEATURE]));
    const { dialog } = renderPage();
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(within(dialog).getByRole('heading', { name: 'Feature 20' })).toBeTruthy();
    expect(within(dialog).getByRole('status').textContent).toBe('Loading feature 20…');
    const contexts = await within(dialog).findByRole('list', { name: 'Top contexts' });
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe(`${location.origin}/sae/features?offset=20&limit=1`);
    expect(init?.headers).toMatchObject({ 'x-api-key': 'k' });
    const dts = [...dialog.querySelectorAll('dt')];
    expect(Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]))).toEqual({
      Label: 'in the word "Sir"',
      'Label AUC': '0.998',
      Precision: '45.7 % of the characters where it is active fit the label',
      Recall: '91.2 % of the characters that fit the label make it active',
      Density: 'active on 0.53 % of held-out characters',
      Dead: 'no',
    });
    const candidates = within(dialog).getByRole('list', { name: 'Candidates' });
    expect(within(candidates).getAllByRole('listitem')[1]?.textContent).toBe('the character "S" AUC 0.810');
    const items = within(contexts).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toBe('said Sir Walter 1.239 at “S”');
    expect(items[0]?.querySelector('mark')?.textContent).toBe('S');
    // a space as the active character is made visible
    expect(items[1]?.textContent).toBe('Sir␣Walter, and 0.500 at “␣”');
  });

  it('shows an unlabelled, dead latent as such', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      page([
        {
          index: 7,
          label: 'unlabelled',
          label_auc: null,
          density: 0,
          dead: true,
          top_contexts: [],
        },
      ]),
    );
    const { dialog } = renderPage(7);
    expect(await within(dialog).findByText('None: it is never active on the held-out text.')).toBeTruthy();
    expect(within(dialog).getByText('unlabelled: no labeller reached the bar')).toBeTruthy();
    expect(within(dialog).getByText('yes: never active on held-out text')).toBeTruthy();
    expect(within(dialog).getByText('Label AUC').nextElementSibling?.textContent).toBe('not measured');
    expect(within(dialog).queryByRole('list', { name: 'Candidates' })).toBeNull();
  });

  it('says when the SAE has no such latent, and that the hosted API has no feature pages', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => page([], 1024));
    renderPage(5000);
    expect((await screen.findByRole('alert')).textContent).toBe('The SAE has no latent 5000 (it has 1024)');
    cleanup();
    fetchSpy.mockClear();
    useStore.setState({ target: 'hosted' });
    renderPage(3);
    expect((await screen.findByRole('alert')).textContent).toMatch(/the hosted API has none/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('Escape and Close ask to close; closing gives focus back to the opener', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => page([FEATURE]));
    const onClose = vi.fn();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <Opener onClose={onClose} />
      </QueryClientProvider>,
    );
    const opener = screen.getByRole('button', { name: 'Latent 20' });
    await user.click(opener);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    await user.click(opener);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(document.activeElement).toBe(opener);
  });
});
