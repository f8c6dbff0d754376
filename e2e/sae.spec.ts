// The SAE view in real Chromium against the real server and the local model: a stream with two behaviors (the
// heatmap and the sparklines grow with the frames), correction markers on a prompt that drifts (the dropped text
// struck through, collapsible; a reload brings the run back), a token's values and top features read with the
// keyboard, a run restored from history after a reload, axe in both themes, and the "done when": "dialogue"
// lights up inside quotation marks. Behaviors made from the user's pairs and other targets: sae-behaviors.spec.ts.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { Playground } from './pages/playground.ts';
import { Behaviors, DRIFTS, generate, type HeatSpan, prompt, SaeView } from './pages/sae.ts';

/** No serious or critical axe violations on the page (or within one part of it). */
async function axeClean(page: Page, within?: string): Promise<void> {
  const axe = new AxeBuilder({ page });
  const r = await (within ? axe.include(within) : axe).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The scored tokens inside and outside quotation marks (tokens holding a quotation mark are neither). */
function byQuotes(spans: readonly HeatSpan[]): { inside: HeatSpan[]; outside: HeatSpan[] } {
  const inside: HeatSpan[] = [];
  const outside: HeatSpan[] = [];
  let open = false;
  for (const s of spans) {
    const quotes = (s.text.match(/["“”]/g) ?? []).length;
    if (quotes) {
      if (quotes % 2) open = !open;
      continue;
    }
    if (s.score === undefined) continue;
    (open ? inside : outside).push(s);
  }
  return { inside, outside };
}

test('a stream with two behaviors: the heatmap and both sparklines grow with the frames', async ({ page }) => {
  const p = await generate(page, 'Elizabeth turned to her sister and said, ', 4, 800);
  const b = new Behaviors(page);
  await b.pick('dialogue');
  await b.pick('question');
  const sae = new SaeView(page);
  // what the view shows, sampled at every change while it streams
  await page.evaluate(() => {
    const w = window as unknown as { samples: { streaming: boolean; spans: number; sparks: string[] }[] };
    w.samples = [];
    new MutationObserver(() => {
      const status = document.querySelector('.sae-view .sae-toolbar [role=status]')?.textContent ?? '';
      const spans = document.querySelectorAll('[aria-label="Heatmap text"] span.tok').length;
      const sparks = Array.from(document.querySelectorAll('.sparklines svg[role=img]')).map(
        (s) => s.getAttribute('aria-label') ?? '',
      );
      const last = w.samples.at(-1);
      if (!last || last.spans !== spans || last.sparks.join() !== sparks.join())
        w.samples.push({ streaming: status.startsWith('Streaming'), spans, sparks });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await p.runButton.click();
  // the run brings the SAE view forward
  await expect(sae.tab).toHaveAttribute('aria-selected', 'true');
  await expect(sae.status).toContainText('Streaming');
  await sae.waitDone();
  await expect(sae.sparkline('dialogue')).toBeVisible();
  await expect(sae.sparkline('question')).toBeVisible();

  const samples = await page.evaluate(
    () => (window as unknown as { samples: { streaming: boolean; spans: number; sparks: string[] }[] }).samples,
  );
  const streaming = samples.filter((s) => s.streaming && s.spans > 0);
  test.info().annotations.push({
    type: 'growth',
    description: `${streaming.length} repaints while streaming, ${streaming[0]?.spans}…${streaming.at(-1)?.spans} tokens`,
  });
  // several repaints while the frames arrived, each with more tokens than the one before
  expect(streaming.length).toBeGreaterThan(4);
  for (let i = 1; i < streaming.length; i++)
    expect(streaming[i]?.spans ?? 0).toBeGreaterThanOrEqual(streaming[i - 1]?.spans ?? 0);
  expect(new Set(streaming.map((s) => s.spans)).size).toBeGreaterThan(4);
  // each sparkline's text alternative counted more tokens as they came (they redraw a few times a second)
  for (const name of ['dialogue', 'question']) {
    const counts = streaming
      .map((s) => s.sparks.find((l) => l.startsWith(`${name} (monitor)`)) ?? '')
      .map((l) => Number(/: (\d+) tokens/.exec(l)?.[1] ?? 0));
    expect(new Set(counts.filter((c) => c > 0)).size, name).toBeGreaterThan(1);
    expect(Math.max(...counts), name).toBeGreaterThan(Math.min(...counts));
  }
  // at the end: every token coloured from its reading, in the bucket of its score (eleven buckets; a title rounded
  // to four places may sit on a bucket's edge)
  const spans = await sae.spans();
  expect(spans.length).toBeGreaterThan(100);
  for (const s of spans) {
    const x = (s.score ?? Number.NaN) * 11;
    if (Math.abs(x - Math.round(x)) > 0.002) expect(s.heat, JSON.stringify(s)).toBe(Math.min(10, Math.floor(x)));
  }
  expect(await sae.sparklineTokens('dialogue')).toBeGreaterThan(100);
  expect(await sae.sparklineTokens('question')).toBe(await sae.sparklineTokens('dialogue'));
  await expect(sae.sparkline('dialogue')).toHaveAttribute('aria-label', /threshold 0\.\d{3}/);
  await expect(sae.colourBy.locator('option')).toHaveText(['dialogue', 'question', 'Highest score']);
  // colouring by the other behavior changes the shown scores
  const byDialogue = spans.map((s) => s.score);
  await sae.colourBy.selectOption('question');
  await expect.poll(async () => (await sae.spans()).map((s) => s.score)).not.toEqual(byDialogue);
  expect(p.outside).toEqual([]);
});

test('correction markers on a prompt that drifts: the dropped text struck through, collapsed and expanded', async ({
  page,
}) => {
  const p = await generate(page, DRIFTS, 2, 60);
  await new Behaviors(page).pick('dialogue');
  const sae = new SaeView(page);
  await p.runButton.click();
  await sae.waitDone();
  // with seed 2 the monitor cuts the text twice (at tokens 27 and 31), then its last attempt drifts again and is
  // kept as it is
  await expect(sae.markers).toHaveCount(2);
  await expect(sae.markers.first()).toHaveAccessibleName(/^Correction 1: dialogue 0\.\d{3} > 0\.995, cut at token 27$/);
  await expect(sae.markers.last()).toHaveAccessibleName(
    /^Correction 2: dialogue (0\.\d{3}|1\.000) > 0\.995, cut at token 31$/,
  );
  for (const m of await sae.markers.all()) {
    const [score, threshold] =
      /dialogue (\S+) > (\S+),/
        .exec((await m.textContent()) ?? '')
        ?.slice(1)
        .map(Number) ?? [];
    expect(score).toBeGreaterThan(threshold ?? 1);
  }
  await expect(sae.text.locator('.give-up')).toContainText('Gave up after attempt 3: dialogue still drifted');
  await expect(sae.status).toHaveText('done');
  await expect(sae.counts).toHaveText(/^60 tokens · 2 corrections · gave up$/);

  // each dropped stretch stays, struck through, right after its marker
  await expect(sae.dropped).toHaveCount(2);
  const stretches = await sae.markers.evaluateAll((ms) =>
    ms.map((m) => {
      const del = m.nextElementSibling;
      return {
        del: del?.tagName === 'DEL' && del.classList.contains('dropped'),
        text: del?.textContent ?? '',
        tokens: del?.querySelectorAll('span.tok').length ?? 0,
        struck: del ? getComputedStyle(del).textDecorationLine : '',
      };
    }),
  );
  for (const st of stretches) {
    expect(st.del).toBe(true);
    expect(st.text.length).toBeGreaterThan(0);
    expect(st.struck).toContain('line-through');
  }
  const spans = await sae.spans();
  const kept = spans.filter((s) => !s.dropped);
  expect(
    spans
      .filter((s) => s.dropped)
      .map((s) => s.text)
      .join(''),
  ).toBe(stretches.map((st) => st.text).join(''));
  // the kept tokens make the text: 60 of them, which the Output tab shows (without what was dropped)
  expect(kept.length).toBe(60);
  await page.getByRole('tab', { name: 'Output', exact: true }).click();
  const output = (await page.getByTestId('output').textContent()) ?? '';
  expect(output.endsWith(kept.map((s) => s.text).join(''))).toBe(true);
  await sae.show();

  // a marker hides its own stretch and shows it again; the other stays
  const first = sae.markers.first();
  await expect(first).toHaveAttribute('aria-expanded', 'true');
  await first.click();
  await expect(first).toHaveAttribute('aria-expanded', 'false');
  await expect(sae.dropped).toHaveCount(1);
  await expect(sae.dropped).toHaveText(stretches[1]?.text ?? '');
  await expect(sae.markers.last()).toHaveAttribute('aria-expanded', 'true');
  await expect(sae.tokens).toHaveCount(spans.length - (stretches[0]?.tokens ?? 0));
  await first.click();
  await expect(first).toHaveAttribute('aria-expanded', 'true');
  await expect(sae.dropped.first()).toHaveText(stretches[0]?.text ?? '');
  // the sparkline marks both cuts, and the summary says where the text was first corrected
  await expect(sae.view.locator('.spark-cut')).toHaveCount(2);
  await expect(sae.view.locator('.sae-summary')).toContainText('corrected at token 27');

  // a reload brings the last run back as it was — the SAE view in front, the same spans — without a trip to History
  const before = await sae.spans();
  await expect.poll(() => p.storedRuns()).toBe(1);
  await page.reload();
  await expect(sae.tab).toHaveAttribute('aria-selected', 'true');
  await expect(sae.markers).toHaveCount(2);
  await expect.poll(() => sae.spans()).toEqual(before);
});

test('keyboard: the heatmap text reads each token’s scores and top features as focus moves', async ({ page }) => {
  const p = await generate(page, DRIFTS, 3, 40);
  const b = new Behaviors(page);
  await b.pick('dialogue');
  await b.pick('question');
  await b.topFeatures.check();
  const sae = new SaeView(page);
  await p.runButton.click();
  await sae.waitDone();
  const spans = await sae.spans();
  expect(spans.length).toBe(40);

  // focus picks the first token; ArrowRight the next; End the last; Home the first again
  await sae.text.focus();
  const expectToken = async (i: number) => {
    const span = spans[i];
    if (!span) throw new Error(`no token ${i}`);
    await expect(sae.tokens.nth(i)).toHaveClass(/\bactive\b/);
    // the readout shows whitespace as symbols (a space is ␣, a newline ⏎)
    const shown = span.text.replaceAll(' ', '␣').replaceAll('\n', '⏎') || '∅';
    await expect(sae.readout).toContainText(`Token ${shown}`);
    await expect(sae.readout).toContainText(`position ${i}`);
    // the readout's dialogue score is the span's title (it is coloured by dialogue)
    await expect(sae.readoutScore('dialogue')).toHaveText(span.score?.toFixed(4) ?? 'none');
    await expect(sae.readoutScore('question')).toHaveText(/^0\.\d{4}$|^1\.0000$/);
  };
  await expectToken(0);
  await page.keyboard.press('ArrowRight');
  await expectToken(1);
  await page.keyboard.press('ArrowRight');
  await expectToken(2);
  await page.keyboard.press('End');
  await expectToken(spans.length - 1);
  await page.keyboard.press('ArrowLeft');
  await expectToken(spans.length - 2);
  await page.keyboard.press('Home');
  await expectToken(0);
  await expect(sae.text).toBeFocused();

  // colour by question: the spans' titles follow, and the readout's question score matches the focused one
  await sae.colourBy.selectOption('question');
  await sae.text.focus();
  await page.keyboard.press('ArrowRight');
  const title = await sae.tokens.nth(1).getAttribute('title');
  await expect(sae.readoutScore('question')).toHaveText(title ?? 'none');
  // hovering a token reads it too; coloured by the highest score, its title is the larger of the two
  await sae.colourBy.selectOption({ label: 'Highest score' });
  await sae.tokens.nth(5).hover();
  await expect(sae.readout).toContainText('position 5');
  const both = [
    Number(await sae.readoutScore('dialogue').textContent()),
    Number(await sae.readoutScore('question').textContent()),
  ];
  expect(Number(await sae.tokens.nth(5).getAttribute('title'))).toBeCloseTo(Math.max(...both), 4);

  // top features: with their labels, one opened to its top contexts and its feature page link
  const features = sae.readout.getByRole('list', { name: 'Top features' }).getByRole('listitem');
  await expect(features.first()).toContainText(/^Feature \d+: .+ \(-?\d+\.\d{2}\)/);
  await features.first().locator('summary').click();
  await expect(features.first().getByRole('list', { name: /^Top contexts of feature \d+$/ })).toBeVisible();
  const index = /^Feature (\d+):/.exec((await features.first().locator('summary').textContent()) ?? '')?.[1];
  const open = features.first().getByRole('button', { name: 'Feature page' });
  await open.click();
  const featurePage = page.getByRole('dialog', { name: `Feature ${index}` });
  await expect(featurePage).toContainText('Label AUC');
  await expect(featurePage.getByRole('list', { name: 'Top contexts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(featurePage).toHaveCount(0);
  await expect(open).toBeFocused();

  // with Stream off the answer comes whole: the view says it carries no per-token scores
  await page.getByRole('checkbox', { name: 'Stream', exact: true }).uncheck();
  await p.runButton.click();
  await expect(sae.missing).toContainText('This answer came whole (not streamed)');
  await expect(sae.view.locator('.sae-summary')).toContainText('dialogue');
});

test('restore a run from history after a reload: the heatmap and the sparklines come back', async ({ page }) => {
  const p = await generate(page, DRIFTS, 2, 60);
  const b = new Behaviors(page);
  await b.pick('dialogue');
  await b.pick('exclamation');
  const sae = new SaeView(page);
  await p.runButton.click();
  await sae.waitDone();
  const before = await sae.spans();
  const labels = [
    await sae.sparkline('dialogue').getAttribute('aria-label'),
    await sae.sparkline('exclamation').getAttribute('aria-label'),
  ];
  expect(before.length).toBeGreaterThan(40);
  // a second run, without behaviors, becomes the latest
  await b.chip('dialogue').click();
  await b.chip('exclamation').click();
  await p.setNumber('Seed', '9');
  await p.runButton.click();
  await p.waitDone();

  await expect.poll(() => p.storedRuns()).toBe(2);
  await page.reload();
  await p.tool('History');
  const items = page.getByRole('list', { name: 'Past runs' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  // the older run (listed last) is the monitored one
  await items.last().getByRole('button', { name: 'Restore' }).click();
  await expect(sae.tab).toHaveAttribute('aria-selected', 'true');
  await expect(sae.tokens).toHaveCount(before.length);
  expect(await sae.spans()).toEqual(before);
  expect(before.some((s) => s.heat > 0)).toBe(true);
  await expect(sae.markers).toHaveCount(2);
  await expect(sae.dropped).toHaveCount(2);
  await expect(sae.sparkline('dialogue')).toHaveAttribute('aria-label', labels[0] ?? '');
  await expect(sae.sparkline('exclamation')).toHaveAttribute('aria-label', labels[1] ?? '');
  // the form came back too: both chips pressed again
  await expect(b.chip('dialogue')).toHaveAttribute('aria-pressed', 'true');
  await expect(b.chip('exclamation')).toHaveAttribute('aria-pressed', 'true');
});

test('the SAE view with a finished run, a behavior card and the create dialog is axe-clean in light and dark', async ({
  page,
}) => {
  const p = await generate(page, DRIFTS, 2, 60);
  const b = new Behaviors(page);
  await b.pick('dialogue');
  await b.pick('question');
  await b.topFeatures.check();
  const sae = new SaeView(page);
  await p.runButton.click();
  await sae.waitDone();
  await expect(sae.markers).toHaveCount(2);
  await expect(sae.sparkline('question')).toBeVisible();
  // the next run would force question: its chip's mode shows it
  await b.pick('question', 'Forced');
  const card = await b.about('dialogue');
  await expect(card).toContainText('Held-out AUC');
  await expect(card).toContainText('False-trigger rate');
  // a token focused: the readout with its table and features
  await sae.text.focus();
  await page.keyboard.press('ArrowRight');
  await expect(sae.readout.getByRole('table')).toBeVisible();
  await expect(sae.readout.getByRole('list', { name: 'Top features' })).toBeVisible();
  await axeClean(page);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.getByRole('button', { name: 'Light theme' })).toBeVisible();
  await axeClean(page);
  // the create dialog, filled, in both themes; Escape closes it and focus goes back to its button
  await b.createButton.click();
  await b.dialog.getByRole('button', { name: 'Example' }).click();
  await expect(b.dialog).toContainText('pair(s) ready');
  await axeClean(page, 'dialog[open]');
  await page.keyboard.press('Escape');
  await expect(b.dialog).toBeHidden();
  await expect(b.createButton).toBeFocused();
  await page.getByRole('button', { name: 'Light theme' }).click();
  await b.createButton.click();
  await expect(b.dialog).toContainText('pair(s) ready');
  await axeClean(page, 'dialog[open]');
});

test('done when: a first-time user picks “dialogue” and the heatmap lights up inside quotation marks', async ({
  page,
}) => {
  const p = await new Playground(page).fresh();
  await p.mode('Completion');
  await prompt(page).fill('She turned to her sister. ');
  await p.setNumber('Seed', '11');
  await p.setNumber('Max tokens', '150');
  const b = new Behaviors(page);
  await b.pick('dialogue');
  const sae = new SaeView(page);
  await p.runButton.click();
  await expect(sae.tab).toHaveAttribute('aria-selected', 'true');
  await sae.waitDone();
  const spans = await sae.spans();
  const text = spans.map((s) => s.text).join('');
  expect(text).toMatch(/"[^"]+"/);
  const { inside, outside } = byQuotes(spans);
  expect(inside.length).toBeGreaterThan(20);
  expect(outside.length).toBeGreaterThan(20);
  // inside the quotation marks the text is clearly hotter than outside them
  const score = (xs: HeatSpan[]) => mean(xs.map((s) => s.score ?? 0));
  test.info().annotations.push({
    type: 'dialogue',
    description: `mean ${score(inside).toFixed(3)} inside quotes (${inside.length} tokens), ${score(outside).toFixed(3)} outside (${outside.length})`,
  });
  expect(score(inside)).toBeGreaterThan(score(outside) + 0.3);
  // and it shows: most quoted tokens are in the scale's upper half, most of the others are not
  const hot = (xs: HeatSpan[]) => xs.filter((s) => s.heat > 5).length / xs.length;
  expect(hot(inside)).toBeGreaterThan(0.5);
  expect(hot(outside)).toBeLessThan(0.5);
});
