// The steering panel in real Chromium against the real server and the local model: a built-in vector's card, the
// Strength slider moved with the keyboard, side by side (the texts differ; the steered one scores higher on the
// vector's own measure), a five-cell sweep that streams and is scored, a vector made from the user's pairs (progress,
// separation, Try it), renamed and deleted; the hosted target's free-text id through the relay; axe in both themes;
// the panel at phone width.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { Playground } from './pages/playground.ts';

const picker = (page: Page) => page.getByRole('combobox', { name: 'Steering vector' });
const cells = (page: Page) => page.getByTestId('steer-cell');
const measureOf = async (page: Page, name: string) =>
  Number(await page.getByRole('article', { name, exact: true }).getByTestId('measure').getAttribute('data-value'));

async function axeClean(page: Page): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('built-in vector: card, keyboard slider, side by side shows the effect, a five-cell sweep streams and is scored', async ({
  page,
}) => {
  const p = await new Playground(page).fresh();
  await p.setNumber('Max tokens', '80');
  await p.setNumber('Seed', '5');
  await picker(page).selectOption({ label: 'exclamation' });
  const card = page.getByTestId('vector-card');
  await expect(card).toContainText('blocks.5.hook_resid_pre');
  await expect(card).toContainText('Held-out AUC');
  await expect(card.getByRole('img')).toHaveAttribute('aria-label', /random directions/);
  // 0 is clearly off; the arrows move the slider in 0.1 steps
  await expect(page.getByText('Off', { exact: true })).toBeVisible();
  const slider = page.getByRole('slider', { name: 'Strength' });
  await slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('textbox', { name: 'Strength value' })).toHaveValue('2');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('textbox', { name: 'Strength value' })).toHaveValue('1.9');
  await page.getByRole('textbox', { name: 'Strength value' }).fill('2');
  await expect(slider).toHaveValue('2');
  // the Code tab's request carries the fields the seed page shows
  await p.tool('Code');
  await expect(page.locator('.snippet-code, pre').filter({ hasText: '"steering_vector_id"' }).first()).toContainText(
    '"steering_strength": 2',
  );

  await p.composer.fill('Tell me about the ball.');
  await page.getByRole('button', { name: 'Side by side' }).click();
  const side = page.getByRole('region', { name: 'Side by side' });
  await expect(side.getByTestId('steer-cell')).toHaveCount(2);
  await expect(side.getByTestId('steer-cell').first()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(side.getByTestId('steer-cell').last()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const [plain, steered] = await side.locator('pre').allTextContents();
  expect(plain).not.toBe(steered);
  expect(await measureOf(page, 'Strength 2')).toBeGreaterThan(await measureOf(page, 'Strength 0'));
  await expect(side.getByTestId('coherence')).toHaveCount(2, { timeout: 30_000 });
  // the conversation is untouched: a comparison is not a reply
  await expect(p.replies).toHaveCount(0);

  // the five requests leave at once: while one cell streams, the others wait for the server's worker (this
  // server runs one; the default is two) — watched as the grid changes
  await page.evaluate(() => {
    const w = window as unknown as { seen: { streamingWhileWaiting: boolean; streamed: number } };
    w.seen = { streamingWhileWaiting: false, streamed: 0 };
    const streamed = new Set<string>();
    new MutationObserver(() => {
      const cells = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="steer-cell"]'));
      const streaming = cells.filter((c) => c.dataset.status === 'streaming');
      for (const c of streaming) streamed.add(c.getAttribute('aria-labelledby') ?? '');
      if (streaming.length && cells.some((c) => c.dataset.status === 'waiting')) w.seen.streamingWhileWaiting = true;
      w.seen.streamed = streamed.size;
    }).observe(document.body, { subtree: true, attributes: true, childList: true });
  });
  await page.getByRole('button', { name: 'Sweep' }).click();
  const sweep = page.getByRole('region', { name: 'Strength sweep' });
  await expect(sweep.getByTestId('steer-cell')).toHaveCount(5);
  for (const s of ['0', '0.5', '1', '1.5', '2'])
    await expect(sweep.getByRole('article', { name: `Strength ${s}`, exact: true })).toHaveAttribute(
      'data-status',
      'done',
      {
        timeout: 45_000,
      },
    );
  await expect(sweep.getByTestId('coherence')).toHaveCount(5, { timeout: 30_000 });
  await expect(sweep.getByTestId('measure')).toHaveCount(5);
  const seen = await page.evaluate(
    () => (window as unknown as { seen: { streamingWhileWaiting: boolean; streamed: number } }).seen,
  );
  // the grid streamed while later cells waited their turn, and cells were seen part-written (a fast cell may go
  // from waiting to done between two repaints, so not necessarily all five)
  expect(seen.streamingWhileWaiting).toBe(true);
  expect(seen.streamed).toBeGreaterThanOrEqual(2);
  expect(await measureOf(page, 'Strength 2')).toBeGreaterThan(await measureOf(page, 'Strength 0'));
  await expect(cells(page)).toHaveCount(5);
  await sweep.getByRole('button', { name: 'Close' }).click();
  await expect(cells(page)).toHaveCount(0);
});

test('several vectors at once: a mix travels as one inline vector and runs side by side', async ({ page }) => {
  const p = await new Playground(page).fresh();
  await p.setNumber('Max tokens', '40');
  await p.setNumber('Seed', '2');
  await picker(page).selectOption({ label: 'exclamation' });
  await page.getByRole('textbox', { name: 'Strength value' }).fill('1');
  await page.getByRole('button', { name: 'Add vector' }).click();
  const row = page.getByRole('group', { name: 'Vector 2' });
  await row.getByRole('combobox', { name: 'Steering vector' }).selectOption({ label: 'json' });
  await row.getByRole('textbox', { name: 'Strength value' }).fill('0.5');
  await expect(page.getByText('Several vectors travel as one inline')).toBeVisible();
  await p.tool('Inspector');
  await expect(page.getByText('"steering_vector": {').first()).toBeVisible();
  await p.composer.fill('Hello.');
  await page.getByRole('button', { name: 'Side by side' }).click();
  const side = page.getByRole('region', { name: 'Side by side' });
  await expect(side).toContainText('exclamation 1 + json 0.5');
  await expect(side.getByRole('article', { name: 'Mix ×1' })).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  await expect(side.getByRole('article', { name: 'Strength 0' })).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  const [plain, mixed] = await side.locator('pre').allTextContents();
  expect(plain).not.toBe(mixed);
  await row.getByRole('button', { name: 'Remove vector 2' }).click();
  await expect(page.getByRole('group', { name: 'Vector 2' })).toHaveCount(0);
});

test('create a vector from pasted pairs: progress, separation, Try it; rename and delete it', async ({ page }) => {
  const p = await new Playground(page).fresh();
  await p.setNumber('Max tokens', '40');
  await p.composer.fill('Good morning.');
  await page.getByRole('button', { name: 'Create vector' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a steering vector' });
  await expect(dialog).toBeVisible();
  const pairs = dialog.getByRole('textbox', { name: 'Pairs (JSONL)' });
  await pairs.fill('{"prompt": "x", "positive_answer": "Oh!"}');
  await expect(dialog).toContainText('line 1: negative_answer is missing');
  await expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Example' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('e2e-excited');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Progress' })).toBeVisible();
  await expect(dialog).toContainText(/separation/i, { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Try it' }).click();
  await expect(dialog).toBeHidden();
  // Try it picks the new vector and runs it side by side
  await expect(picker(page).locator('option:checked')).toHaveText('e2e-excited');
  const side = page.getByRole('region', { name: 'Side by side' });
  await expect(side.getByTestId('steer-cell').last()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const card = page.getByTestId('vector-card');
  await expect(card).toContainText('Separation AUC');
  await card.getByRole('textbox', { name: 'Label' }).fill('Excited, from my pairs');
  await card.getByRole('button', { name: 'Rename' }).click();
  await expect(picker(page).locator('option:checked')).toHaveText('Excited, from my pairs');
  await card.getByRole('button', { name: 'Delete' }).click();
  await card.getByRole('button', { name: 'Delete vector' }).click();
  await expect(picker(page)).toHaveValue('');
  await expect(picker(page).getByRole('option', { name: 'Excited, from my pairs' })).toHaveCount(0);
});

test('hosted target: a free-text vector id (remembered) steers side by side through the relay', async ({ page }) => {
  const p = await new Playground(page).fresh();
  await p.useHostedTarget();
  await p.setNumber('Max tokens', '60');
  await p.setNumber('Seed', '3');
  const id = page.getByRole('combobox', { name: 'Steering vector' });
  await id.fill('austen-mini/exclamation');
  await id.press('Enter');
  await page.getByRole('textbox', { name: 'Strength value' }).fill('2');
  await p.composer.fill('Hello.');
  await page.getByRole('button', { name: 'Side by side' }).click();
  const side = page.getByRole('region', { name: 'Side by side' });
  await expect(side.getByTestId('steer-cell').last()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(side.getByTestId('steer-cell').first()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const [plain, steered] = await side.locator('pre').allTextContents();
  expect(plain).not.toBe(steered);
  await p.tool('Inspector');
  await expect(page.getByTestId('logical-url')).toHaveText('https://api.axioniclabs.ai/v1/chat/completions');
  // the id is offered again after a reload
  await page.reload();
  await expect(page.locator('datalist option[value="austen-mini/exclamation"]')).toHaveCount(1);
  expect(p.outside).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the steering panel and a comparison are axe-clean (${theme})`, async ({ page }) => {
    const p = await new Playground(page).fresh();
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    await p.setNumber('Max tokens', '30');
    await p.composer.fill('Hello.');
    await picker(page).selectOption({ label: 'json' });
    await expect(page.getByTestId('vector-card')).toBeVisible();
    await page.getByRole('textbox', { name: 'Strength value' }).fill('0.5');
    await page.getByRole('button', { name: 'Side by side' }).click();
    const side = page.getByRole('region', { name: 'Side by side' });
    await expect(side.getByTestId('coherence')).toHaveCount(2, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Add vector' }).click();
    await expect(page.getByRole('group', { name: 'Vector 2' })).toBeVisible();
    await axeClean(page);
    // the dialog, filled and with its code shown
    await page.getByRole('button', { name: 'Create vector' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a steering vector' });
    await dialog.getByRole('button', { name: 'Example' }).click();
    await dialog.getByText('Code', { exact: true }).click();
    await expect(dialog.getByTestId('create-snippet')).toContainText('/steering/generate');
    await axeClean(page);
  });
}

test('the steering panel at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const p = await new Playground(page).fresh();
  await p.setNumber('Max tokens', '40');
  await p.composer.fill('Hello.');
  expect(await p.openSettings()).toBe(true);
  await picker(page).selectOption({ label: 'exclamation' });
  await expect(page.getByTestId('vector-card')).toBeVisible();
  await page.getByRole('textbox', { name: 'Strength value' }).fill('1');
  const panel = page.getByRole('region', { name: 'Steering', exact: true });
  const box = await panel.boundingBox();
  expect(box?.width ?? 999).toBeLessThanOrEqual(390);
  await page.getByRole('button', { name: 'Side by side' }).click();
  // the drawer closes so the comparison shows
  const side = page.getByRole('region', { name: 'Side by side' });
  await expect(side).toBeVisible();
  await expect(side.getByTestId('steer-cell').last()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const cell = await side.getByTestId('steer-cell').last().boundingBox();
  expect((cell?.x ?? 0) + (cell?.width ?? 999)).toBeLessThanOrEqual(390);
  await axeClean(page);
});
