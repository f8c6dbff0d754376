// The main journey in real Chromium against the real server and the local model.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** Fails the test if any request leaves 127.0.0.1 (no CDN, no hosted API). */
function watchHosts(page: Page): string[] {
  const outside: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http') && !LOCAL_HOSTS.has(u.hostname)) outside.push(r.url());
  });
  return outside;
}

/** Collects Content Security Policy violations (the page runs under a strict CSP: they must never happen). */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => {
    if (/Content Security Policy|unsafe-eval/i.test(e.message)) violations.push(e.message);
  });
  return violations;
}

async function freshPage(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/');
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('fresh load → model listed → streamed chat → stop → continue → history → snippets', async ({ page }) => {
  const outside = watchHosts(page);
  const csp = watchCsp(page);
  await freshPage(page);

  // the local runtime is ready on first load: the key was handed over, the model is listed
  await expect(page.getByTestId('connection-status')).toContainText('Key works');
  await expect(page.getByRole('radio', { name: 'austen-mini' })).toBeChecked();

  // a streamed chat prompt: the page grows as frames arrive
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Tell me about Miss Bennet.');
  await page.locator('summary', { hasText: 'Parameters' }).click();
  await page.getByLabel('Max tokens').fill('600');
  await page.getByLabel('Stop sequences').fill('');
  await page.evaluate(() => {
    const w = window as unknown as { __growth: { at: number; len: number }[] };
    w.__growth = [];
    const out = document.querySelector('[data-testid=output]');
    new MutationObserver(() => {
      const len = out?.querySelectorAll('.tok').length ?? 0;
      const last = w.__growth.at(-1);
      if (!last || last.len !== len) w.__growth.push({ at: performance.now(), len });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-stats')).toContainText('status done', { timeout: 30_000 });
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
  // the text grew while the response was still arriving (between its first and last byte), in several steps:
  // a client-side typing effect over a buffered response would only start after responseEnd
  const duringStream = growth.filter((g) => g.len > 0 && g.at > responseStart && g.at < responseEnd);
  expect(duringStream.length).toBeGreaterThan(3);
  const heading = await page.getByRole('heading', { name: /Response frames/ }).textContent();
  // the worker batches characters: a few frames for many characters, every one of them shown
  const frames = Number(/\((\d+)\)/.exec(heading ?? '')?.[1]);
  expect(frames).toBeGreaterThan(3);
  expect(frames).toBeLessThan(finalLen);
  await expect(page.getByRole('listitem').filter({ hasText: 'Tell me about Miss Bennet.' })).toHaveCount(1);

  // Stop keeps the partial output, marked as stopped
  await page.getByLabel('Max tokens').fill('4000');
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Describe the ball at Netherfield in detail.');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(async () => page.locator('[data-testid=output] .tok').count()).toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('output')).toContainText('[stopped]');
  const partial = (await page.locator('[data-testid=output] .tok').allTextContents()).join('');
  expect(partial.length).toBeGreaterThan(10);
  await expect(page.getByTestId('run-stats')).toContainText('status stopped');

  // Continue appends the reply as an assistant message
  await page.getByRole('button', { name: 'Continue' }).click();
  const lastContent = page.locator('textarea[id^="msg-content-"]').last();
  await expect(lastContent).toHaveValue(partial);

  // hovering a token shows its logprob and alternatives
  await page.locator('[data-testid=output] .tok').nth(3).hover();
  await expect(page.getByTestId('token-details')).toContainText('logprob');

  // Regenerate reruns the last turn: the assistant message Continue added is replaced by a new run
  const messagesBefore = await page.locator('textarea[id^="msg-content-"]').count();
  await page.getByLabel('Max tokens').fill('60');
  await page.getByRole('button', { name: 'Regenerate' }).click();
  await expect(page.getByTestId('run-stats')).toContainText('status done');
  await expect(page.locator('textarea[id^="msg-content-"]')).toHaveCount(messagesBefore - 1);

  // history: restore and compare two runs
  const items = page.getByRole('list', { name: 'Past runs' }).getByRole('listitem');
  await expect(items).toHaveCount(3);
  await items.nth(0).getByRole('checkbox', { name: 'Compare' }).check();
  await items.nth(1).getByRole('checkbox', { name: 'Compare' }).check();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await items.nth(2).getByRole('button', { name: 'Restore' }).click();
  await expect(page.locator('textarea[id^="msg-content-"]')).toHaveCount(1);

  // snippets: switch targets, custom model and key, copy
  await page.getByRole('tab', { name: 'Python (OpenAI)' }).click();
  await expect(page.getByTestId('snippet-code')).toContainText('from openai import OpenAI');
  await page.locator('summary', { hasText: 'Custom values' }).click();
  await page.getByLabel('Custom model').fill('my-model');
  await page.getByLabel('Custom API key').fill(`ax_${'c'.repeat(48)}`);
  await expect(page.getByTestId('snippet-code')).toContainText('"my-model"');
  await expect(page.getByTestId('snippet-code')).toContainText('os.environ["AXIONIC_API_KEY"]');
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('my-model');
  expect(copied).not.toContain('ccccccccc');
  await page.getByLabel('Include my key').check();
  await expect(page.getByTestId('snippet-code')).not.toContainText('c'.repeat(48)); // masked on screen
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`ax_${'c'.repeat(48)}`); // real on copy
  for (const tab of ['curl', 'Python (mechanex)', 'JavaScript (OpenAI)', 'fetch']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
  }
  await expect(page.getByTestId('snippet-unsupported')).toHaveCount(0); // fetch sends everything

  // the draft and the history (IndexedDB) survive a reload
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('a draft that must survive');
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue('a draft that must survive');
  await expect(page.getByRole('list', { name: 'Past runs' }).getByRole('listitem')).toHaveCount(3);
  expect(csp).toEqual([]);

  expect(outside).toEqual([]);
});

test('a share link opens the same request without any key', async ({ page, browser }) => {
  await freshPage(page);
  await page.getByRole('radio', { name: 'Completion' }).check();
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Shared prompt: "quotes" and 🦊');
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#share=');
  expect(link).not.toMatch(/ax_[0-9a-f]{48}/);
  const fragment = decodeURIComponent(link.split('#share=')[1] ?? '');
  const decoded = Buffer.from(fragment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  expect(decoded).not.toMatch(/ax_[0-9a-f]{48}/);
  expect(decoded).toContain('Shared prompt');

  const other = await browser.newContext();
  const p2 = await other.newPage();
  const outside = watchHosts(p2);
  await p2.goto(link);
  await expect(p2.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue('Shared prompt: "quotes" and 🦊');
  expect(p2.url()).not.toContain('#share=');
  expect(outside).toEqual([]);
  await other.close();
});

test('keyboard only: write a message and run with Ctrl+Enter', async ({ page }) => {
  await freshPage(page);
  await expect(page.getByTestId('connection-status')).toContainText('Key works');
  const message = page.getByRole('textbox', { name: 'Message', exact: true });
  for (let i = 0; i < 60 && !(await message.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(message).toBeFocused();
  await page.keyboard.type('Hello from the keyboard');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-stats')).toContainText(/status (done|running)/);
  await expect(page.getByTestId('run-stats')).toContainText('status done', { timeout: 30_000 });
  await expect(page.locator('[data-testid=output] .tok').first()).toBeVisible();
});

test('Edit as JSON loads Monaco offline, under the strict CSP, and the edited body is what is sent', async ({
  page,
}) => {
  const outside = watchHosts(page);
  const csp = watchCsp(page);
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await freshPage(page);
  await expect(page.getByTestId('connection-status')).toContainText('Key works');
  await page.getByRole('radio', { name: 'Completion' }).check();
  await page.getByRole('button', { name: 'Edit as JSON' }).click();
  const editor = page.locator('[data-testid=json-editor] .monaco-editor');
  await expect(editor).toBeVisible();
  await expect(page.locator('.monaco-editor .overflow-guard').first()).toHaveCSS('overflow', 'hidden');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{"model": "austen-mini", "prompt": "Raw body", "max_tokens": 7, "stream": false');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-stats')).toContainText('status done');
  await expect(page.getByTestId('request-body')).toHaveCount(0);
  expect(await page.locator('[data-testid=output] .tok').count()).toBeLessThanOrEqual(7);
  // the JSON worker runs under the CSP: a field of the wrong type gets a squiggle from the route's schema
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{"prompt": 5');
  await expect(page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first()).toBeAttached();
  await page.getByRole('button', { name: 'Back to the form' }).first().click();
  await expect(page.getByTestId('request-body')).toBeVisible();
  expect(outside).toEqual([]);
  expect(csp).toEqual([]);
});

test('the native /generate route streams status frames into the output; the inspector shows them', async ({ page }) => {
  await freshPage(page);
  await expect(page.getByTestId('connection-status')).toContainText('Key works');
  await page.getByRole('radio', { name: 'Generate' }).check();
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('It is a truth');
  await page.locator('summary', { hasText: 'Parameters' }).click();
  await page.getByLabel('Max tokens').fill('40');
  await expect(page.getByTestId('logical-url')).toHaveText(/\/generate$/);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-stats')).toContainText('status done', { timeout: 30_000 });
  const tokens = await page.locator('[data-testid=output] .tok').count();
  expect(tokens).toBeGreaterThan(5);
  expect(tokens).toBeLessThanOrEqual(40);
  await expect(page.getByText('"status":"started"').first()).toBeVisible();
  await expect(page.getByText('"status":"complete"').first()).toBeVisible();
  await expect(page.getByTestId('frame-problems')).toHaveCount(0);
});

test('no serious or critical accessibility violations, light and dark', async ({ page }) => {
  await freshPage(page);
  await expect(page.getByTestId('connection-status')).toContainText('Key works');
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    const r = await new AxeBuilder({ page }).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});

test('the Hosted target goes through the relay: logical URL shown, both keys sent, nothing leaves 127.0.0.1', async ({
  page,
  request,
}) => {
  const outside = watchHosts(page);
  await freshPage(page);
  await expect(page.getByTestId('connection-status')).toContainText('Key works');
  await page.getByRole('radio', { name: 'Hosted Axionic API' }).check();
  await expect(page.getByTestId('connection-status')).toContainText('No API key yet');
  await page.getByLabel('API key', { exact: true }).fill('ax_hosted_test_key');
  await expect(page.getByTestId('connection-status')).toContainText('Key works');
  await expect(page.getByTestId('connection-status')).toContainText('api.axioniclabs.ai');
  await page.getByRole('radio', { name: 'gemma-2-2b-it' }).check();
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Hi');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('output')).toContainText('Hello from the hosted stand-in.');
  await expect(page.getByTestId('logical-url')).toHaveText('https://api.axioniclabs.ai/v1/chat/completions');
  await expect(page.getByText(/sent by the browser to/)).toContainText('/upstream/v1/chat/completions');
  await page.getByRole('tab', { name: 'curl', exact: true }).click();
  await expect(page.getByTestId('snippet-code')).toContainText('https://api.axioniclabs.ai/v1/chat/completions');
  const seen = (await (
    await request.get(`http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4317) + 1}/__last`)
  ).json()) as Record<string, string>;
  expect(seen['x-api-key']).toBe('ax_hosted_test_key');
  expect(seen['x-axplay-key']).toBeUndefined();
  // keys are kept per target: the local one is still there
  await page.getByRole('radio', { name: 'Local runtime' }).check();
  await expect(page.getByTestId('connection-status')).toContainText('Key works');
  expect(outside).toEqual([]);
});
