// The main journeys in real Chromium against the real server and the local model.
import { expect, test } from '@playwright/test';
import { Playground } from './pages/playground.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('fresh load → model listed → streamed chat → stop → history → snippets', async ({ page }) => {
  const p = await new Playground(page).fresh();
  // the local runtime is ready on first load: the key was handed over, the model is listed with its card
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('austen-mini');
  await expect(page.locator('.model-card')).toContainText('austen-mini');
  await expect(page.locator('.model-card')).toContainText('About this model');

  // a streamed reply: the text grows while the response is still arriving
  await p.number('Max tokens').fill('600');
  await page.evaluate(() => {
    const w = window as unknown as { __growth: { at: number; len: number }[] };
    w.__growth = [];
    new MutationObserver(() => {
      const len = document.querySelectorAll('[data-testid=reply] .tok').length;
      const last = w.__growth.at(-1);
      if (!last || last.len !== len) w.__growth.push({ at: performance.now(), len });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await p.send('Tell me about Miss Bennet.');
  await p.waitDone();
  const { growth, responseStart, responseEnd } = await page.evaluate(() => {
    const g = (window as unknown as { __growth: { at: number; len: number }[] }).__growth;
    const e = performance
      .getEntriesByType('resource')
      .filter((r) => r.name.endsWith('/v1/chat/completions'))
      .at(-1) as PerformanceResourceTiming;
    return { growth: g, responseStart: e.responseStart, responseEnd: e.responseEnd };
  });
  const finalLen = growth.at(-1)?.len ?? 0;
  expect(finalLen).toBeGreaterThan(20);
  const duringStream = growth.filter((g) => g.len > 0 && g.at > responseStart && g.at < responseEnd);
  expect(duringStream.length).toBeGreaterThan(3);
  await expect(p.messages).toHaveCount(2);
  await expect(p.messages.first()).toContainText('Tell me about Miss Bennet.');

  // Stop keeps the partial reply, marked
  await p.number('Max tokens').fill('4000');
  await p.send('Describe the ball at Netherfield in detail.');
  await expect(p.messages).toHaveCount(4);
  // count the tokens of the second reply only (the first one already has more than ten)
  await expect.poll(async () => p.replies.nth(1).locator('.tok').count()).toBeGreaterThan(10);
  await p.stopButton.click();
  await expect(p.messages.last()).toContainText('Stopped by you.');
  await expect(p.stats).toContainText('status stopped');

  // hovering a token shows its logprob and alternatives
  await p.replies.nth(1).locator('.tok').nth(3).hover();
  await expect(page.getByTestId('token-details')).toContainText('logprob');
  // a space is shown as ␣ (a bare space would read as nothing)
  await p.replies.nth(1).locator('.tok', { hasText: /^ $/ }).first().hover();
  await expect(page.getByTestId('token-details')).toContainText('Token ␣');

  // history: both runs are kept, two compared, one restored
  await p.tool('History');
  const items = page.getByRole('list', { name: 'Past runs' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await items.nth(0).getByRole('checkbox', { name: 'Compare' }).check();
  await items.nth(1).getByRole('checkbox', { name: 'Compare' }).check();
  await expect(page.getByTestId('compare-view')).toBeVisible();

  // snippets: switch targets, custom model and key, copy
  await p.tool('Code');
  await page.getByRole('tab', { name: 'Python (OpenAI)' }).click();
  await expect(page.getByTestId('snippet-code')).toContainText('from openai import OpenAI');
  await expect(page.getByTestId('snippet-install')).toContainText('pip install openai');
  await page.locator('summary', { hasText: 'Custom values' }).click();
  await page.getByLabel('Custom model').fill('my-model');
  await page.getByLabel('Custom API key').fill(`ax_${'c'.repeat(48)}`);
  await expect(page.getByTestId('snippet-code')).toContainText('"my-model"');
  await expect(page.getByTestId('snippet-code')).toContainText('os.environ["AXIONIC_API_KEY"]');
  await page.getByRole('button', { name: 'Copy', exact: true }).last().click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('my-model');
  expect(copied).not.toContain('ccccccccc');
  await page.getByLabel('Include my key').check();
  await expect(page.getByTestId('snippet-code')).not.toContainText('c'.repeat(48)); // masked on screen
  for (const tab of ['curl', 'Python (mechanex)', 'JavaScript (OpenAI)', 'fetch']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
  }

  // the draft and the history (IndexedDB) survive a reload
  await p.composer.fill('a draft that must survive');
  await page.waitForTimeout(400);
  await page.reload();
  await expect(p.composer).toHaveValue('a draft that must survive');
  await expect(p.messages).toHaveCount(4);
  await p.tool('History');
  const past = page.getByRole('list', { name: 'Past runs' }).getByRole('listitem');
  await expect(past).toHaveCount(2);

  // export, clear, and import the file back through the Import button
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const exported = await download.path();
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(past).toHaveCount(0);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import', exact: true }).click(),
  ]);
  await chooser.setFiles(exported);
  await expect(past).toHaveCount(2);
  expect(p.csp).toEqual([]);
  expect(p.outside).toEqual([]);
});

test('a share link opens the same request without any key', async ({ page, browser }) => {
  const p = await new Playground(page).fresh();
  await p.mode('Completion');
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Shared prompt: "quotes" and 🦊');
  await p.tool('History');
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#share=');
  expect(link).not.toMatch(/ax_[0-9a-f]{48}/);
  const fragment = decodeURIComponent(link.split('#share=')[1] ?? '');
  const decoded = Buffer.from(fragment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  expect(decoded).not.toMatch(/ax_[0-9a-f]{48}/);
  expect(decoded).toContain('Shared prompt');

  const other = await browser.newContext();
  const p2 = new Playground(await other.newPage());
  await p2.page.goto(link);
  await expect(p2.page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(
    'Shared prompt: "quotes" and 🦊',
  );
  expect(p2.page.url()).not.toContain('#share=');
  expect(p2.outside).toEqual([]);
  await other.close();
});

test('keyboard only: write a message and run with Ctrl+Enter, stop with Escape', async ({ page }) => {
  const p = await new Playground(page).fresh();
  for (let i = 0; i < 80 && !(await p.composer.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(p.composer).toBeFocused();
  await page.keyboard.type('Hello from the keyboard');
  await page.keyboard.press('Control+Enter');
  await p.waitDone();
  await expect(p.replies.first().locator('.tok').first()).toBeVisible();
  await p.number('Max tokens').fill('4000');
  await p.composer.fill('And a long one');
  await page.keyboard.press('Control+Enter');
  await expect(p.stopButton).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(p.stats).toContainText('status stopped');
});

test('Edit as JSON loads Monaco offline, under the strict CSP, and the edited body is what is sent', async ({
  page,
}) => {
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  const p = await new Playground(page).fresh();
  await p.mode('Completion');
  await p.tool('Inspector');
  await page.getByRole('button', { name: 'Edit as JSON' }).click();
  await expect(page.locator('[data-testid=json-editor] .monaco-editor')).toBeVisible();
  await expect(page.locator('.monaco-editor .overflow-guard').first()).toHaveCSS('overflow', 'hidden');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{"model": "austen-mini", "prompt": "Raw body", "max_tokens": 7, "stream": false');
  await p.runButton.click();
  await p.waitDone();
  expect(await page.locator('[data-testid=output] .continuation .tok').count()).toBeLessThanOrEqual(7);
  await expect(page.getByTestId('output')).toContainText('Raw body');
  // the JSON worker runs under the CSP: a field of the wrong type gets a squiggle from the route's schema
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{"prompt": 5');
  await expect(page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first()).toBeAttached();
  await page.getByRole('button', { name: 'Back to the form' }).first().click();
  await expect(page.getByTestId('request-body')).toBeVisible();
  expect(p.outside).toEqual([]);
  expect(p.csp).toEqual([]);
});

test('the native /generate route streams status frames; the prompt and its continuation show together', async ({
  page,
}) => {
  const p = await new Playground(page).fresh();
  await p.mode('Generate');
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('It is a truth');
  await p.number('Max tokens').fill('40');
  await p.runButton.click();
  await p.waitDone();
  const out = page.getByTestId('output');
  await expect(out.locator('.prompt-echo')).toHaveText('It is a truth');
  const tokens = await out.locator('.continuation .tok').count();
  expect(tokens).toBeGreaterThan(5);
  expect(tokens).toBeLessThanOrEqual(40);
  await p.tool('Inspector');
  await expect(page.getByTestId('logical-url')).toHaveText(/\/generate$/);
  await expect(page.getByText('"status":"started"').first()).toBeVisible();
  await expect(page.getByText('"status":"complete"').first()).toBeVisible();
  await expect(page.getByTestId('frame-problems')).toHaveCount(0);
});

test('the Hosted target goes through the relay: logical URL shown, both keys sent, nothing leaves 127.0.0.1', async ({
  page,
  request,
}) => {
  const p = await new Playground(page).fresh();
  await p.openConnection();
  await page.getByRole('radio', { name: 'Hosted Axionic API' }).check();
  await expect(page.getByTestId('connection-status')).toContainText('No API key yet');
  await page.getByLabel('API key', { exact: true }).fill('ax_hosted_test_key');
  await expect(page.getByTestId('connection-status')).toContainText('Key works');
  await expect(page.getByTestId('connection-status')).toContainText('api.axioniclabs.ai');
  await p.connectionButton.click();
  await page.getByRole('combobox', { name: 'Model' }).fill('gemma-2-2b-it');
  await p.send('Hi');
  await expect(p.replies.last()).toContainText('Hello from the hosted stand-in.');
  await p.tool('Inspector');
  await expect(page.getByTestId('logical-url')).toHaveText('https://api.axioniclabs.ai/v1/chat/completions');
  await expect(page.getByText(/sent by the browser to/)).toContainText('/upstream/v1/chat/completions');
  // the relay's own header is named in words, the hosted key masked
  await expect(page.getByTestId('request-headers')).toContainText("x-axplay-key: (this server's local key)");
  await expect(page.getByTestId('request-headers')).not.toContainText('ax_hosted_test_key');
  await p.tool('Code');
  await page.getByRole('tab', { name: 'curl', exact: true }).click();
  await expect(page.getByTestId('snippet-code')).toContainText('https://api.axioniclabs.ai/v1/chat/completions');
  const seen = (await (
    await request.get(`http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4317) + 1}/__last`)
  ).json()) as Record<string, string>;
  expect(seen['x-api-key']).toBe('ax_hosted_test_key');
  expect(seen['x-axplay-key']).toBeUndefined();
  // keys are kept per target: the local one is still there
  await p.openConnection();
  await page.getByRole('radio', { name: 'Local runtime' }).check();
  await expect(page.getByTestId('connection-status')).toContainText('Key works');
  expect(p.outside).toEqual([]);
});
