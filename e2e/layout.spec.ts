// The layout at the three widths users bring (1440, 1024, 390): Run and the composer on the first screen, the
// side panels as drawers on a phone, no serious accessibility violations in either theme, and the theme and
// target remembered across reloads.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { OPENAI_STANDIN, OPENAI_STANDIN_KEY, Playground } from './pages/playground.ts';

const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
] as const;

for (const size of WIDTHS) {
  test(`${size.width} px: Run and the composer on the first screen; no serious accessibility violations, light and dark`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    const p = await new Playground(page).fresh();
    for (const el of [p.runButton, p.composer]) {
      await expect(el).toBeInViewport({ ratio: 1 });
    }
    // a reply long enough to push the conversation past the screen: the composer and Run stay in view
    await p.setNumber('Max tokens', '500');
    await p.send('Tell me a long story.');
    await p.waitDone();
    await expect(p.runButton).toBeInViewport({ ratio: 1 });
    await expect(p.composer).toBeInViewport({ ratio: 1 });
    for (const theme of ['light', 'dark']) {
      if (theme === 'dark') {
        const drawer = await p.openSettings();
        await page.getByRole('button', { name: 'Dark theme' }).click();
        if (drawer) await p.closeDrawer();
      }
      const r = await new AxeBuilder({ page }).analyze();
      const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });
}

test('on a phone the settings and tools open as drawers, and touch targets are at least 44 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const p = await new Playground(page).fresh();
  await expect(page.getByRole('spinbutton', { name: 'Max tokens' })).toBeHidden();
  const settings = page.getByRole('button', { name: 'Settings' });
  await settings.click();
  await expect(p.number('Max tokens')).toBeVisible();
  // Escape closes the drawer and gives the focus back to the button that opened it
  await page.keyboard.press('Escape');
  await expect(p.number('Max tokens')).toBeHidden();
  await expect(settings).toBeFocused();
  // the Close button and a tap outside close it too
  await settings.click();
  await p.closeDrawer();
  await expect(p.number('Max tokens')).toBeHidden();
  await settings.click();
  await page.mouse.click(385, 800);
  await expect(p.number('Max tokens')).toBeHidden();
  await p.tool('Code');
  await expect(page.getByTestId('snippet-code')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('snippet-code')).toBeHidden();
  for (const b of [
    p.runButton,
    page.getByRole('button', { name: 'Clear chat' }),
    page.getByRole('button', { name: 'Settings' }),
  ]) {
    const box = await b.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  }
});

test('the theme and the chosen target are remembered across reloads (never the custom key in the URL)', async ({
  page,
}) => {
  const p = await new Playground(page).fresh();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await p.useCustomTarget(OPENAI_STANDIN, OPENAI_STANDIN_KEY);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(p.connectionButton).toContainText('Custom');
  expect(page.url()).not.toContain(OPENAI_STANDIN_KEY);
});
