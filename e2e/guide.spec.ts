// Guided output in real Chromium against the real server and the local model: an example's lints and preview,
// a streamed guided run with its validity badge and tree, a refused schema, saved policies run by id, compare,
// and the copied curl of a guided request run for real.
import { execFileSync } from 'node:child_process';
import { expect, type Page, test } from '@playwright/test';
import { Playground } from './pages/playground.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const constraint = (page: Page) => page.getByRole('combobox', { name: 'Constraint' });

test('seed example → compiled facts and a sample → guided run streams → valid badge and tree → copied curl runs', async ({
  page,
}) => {
  const p = await new Playground(page).fresh();
  await p.setNumber('Max tokens', '120');
  await p.setNumber('Seed', '7');
  await page.getByRole('button', { name: 'Topic and confidence' }).click();
  await expect(constraint(page)).toHaveValue('json_schema');
  await expect(p.composer).not.toHaveValue('');
  // the lints come from the compiler the server runs: facts and a sample of the output's shape
  const facts = page.getByTestId('guide-facts');
  await expect(facts).toContainText('2020-12');
  await expect(facts).toContainText('spaced');
  await expect(facts).toContainText('topic, confidence');
  const sample = page.getByTestId('guide-sample');
  await expect(sample).toContainText('"topic": ');
  const first = await sample.textContent();
  expect(JSON.parse(first ?? '')).toHaveProperty('confidence');
  await page.getByRole('button', { name: 'New sample' }).click();
  await expect(sample).not.toHaveText(first ?? '');
  await expect(page.getByRole('textbox', { name: 'Schema' })).toBeAttached();

  // the direct transport streams the native frames, token by token (the structure line shown while they arrive
  // is checked in src/panels/guide/guide-output.test.tsx: a short object can arrive within one repaint here)
  await page.getByRole('radio', { name: 'Direct guided generation' }).check();
  await p.runButton.click();
  await p.waitDone();
  await p.tool('Inspector');
  const frames = page.getByRole('list', { name: 'Response frames' }).getByRole('listitem');
  expect(await frames.count()).toBeGreaterThan(10);
  await expect(frames.first()).toContainText('started');
  await expect(frames.nth(1)).toContainText('"status":"token"');
  await expect(page.getByTestId('validity-badge')).toHaveText('Valid');
  const tree = page.getByRole('group', { name: 'Parsed value' });
  await expect(tree).toContainText('topic');
  await expect(tree).toContainText('confidence');
  await expect(page.getByTestId('server-check')).toContainText('valid');

  // the OpenAI route with the policy: the same schema, the policy's flags
  await page.getByRole('radio', { name: 'OpenAI route with a policy' }).check();
  await p.send('Extract the topic: Emma has quarrelled with Mr. Knightley.');
  await p.waitDone();
  await expect(page.getByTestId('validity-badge')).toHaveText('Valid');
  await expect(page.getByTestId('policy-outcome')).toContainText('Constraints ok');

  // the copied curl (key included) runs and returns valid JSON
  await p.tool('Code');
  await page.getByRole('tab', { name: 'curl', exact: true }).click();
  await expect(page.getByTestId('snippet-code')).toContainText('"policy"');
  await page.getByLabel('Include my key').check();
  await page.getByRole('button', { name: 'Copy', exact: true }).last().click();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  const out = execFileSync('bash', ['-c', curl], { encoding: 'utf8', timeout: 30_000 });
  const content = out
    .split('\n')
    .filter((l) => l.startsWith('data: {'))
    .map((l) => JSON.parse(l.slice(6)).choices[0]?.delta?.content ?? '')
    .join('');
  const value = JSON.parse(content || (JSON.parse(out).choices?.[0]?.message?.content ?? 'null'));
  expect(Object.keys(value).sort()).toEqual(['confidence', 'topic']);
  expect(typeof value.confidence).toBe('number');
  expect(p.csp).toEqual([]);
});

/** Replaces the text of the Monaco editor with this accessible name (pasted, as typing would auto-close brackets). */
async function setEditor(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByRole('textbox', { name }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

test('an unsupported keyword: a marker and the compiler’s words before running, the same words from the server', async ({
  page,
  request,
}) => {
  const p = await new Playground(page).fresh();
  await page.getByRole('button', { name: 'Topic and confidence' }).click();
  await expect(page.getByTestId('guide-facts')).toBeVisible();
  const schema = {
    type: 'object',
    properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
    required: ['topic', 'confidence'],
    additionalProperties: false,
    not: { required: ['secret'] },
  };
  await setEditor(page, 'Schema', JSON.stringify(schema, null, 2));
  const refusal = page.getByTestId('guide-refusal');
  await expect(refusal).toContainText('not');
  // the marker sits on the keyword in the editor
  await expect(page.locator('.code-editor .squiggly-error').first()).toBeAttached();
  // Run is refused with the compiler's words
  await expect(p.runButton).toBeDisabled();
  const words = (await refusal.textContent()) ?? '';
  await expect(page.locator('.run-bar .why')).toContainText(words);
  // and the server refuses the very request with the same words
  await p.composer.fill('Extract the topic.');
  await p.tool('Inspector');
  const key = execFileSync('npx', ['tsx', 'scripts/key.ts'], {
    encoding: 'utf8',
    env: { ...process.env, AXPLAY_DATA_DIR: 'test-results/e2e-data' },
  }).trim();
  const body = await page.evaluate(() => document.querySelector('[data-testid=request-body]')?.textContent ?? '');
  const res = await request.post('/v1/chat/completions', {
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    data: body,
  });
  expect(res.status()).toBe(400);
  const err = (await res.json()) as { error: { message: string } };
  expect(err.error.message).toBe(words);
});

test('save a policy → reload → it runs by id; compare two policies side by side', async ({ page }) => {
  const p = await new Playground(page).fresh();
  await p.setNumber('Max tokens', '100');
  await p.setNumber('Seed', '3');
  await constraint(page).selectOption('policy');
  await expect(page.getByRole('textbox', { name: 'Policy' })).toBeAttached();
  // the starting policy, as the draft (saved after a short delay) holds it
  const storedPolicy = () =>
    page.evaluate(() => {
      const d = JSON.parse(localStorage.getItem('axplay.draft') ?? '{}') as {
        draft?: { guide?: { texts?: { policy?: string } } };
      };
      return d.draft?.guide?.texts?.policy ?? '';
    });
  await expect.poll(storedPolicy).toContain('guided-generation');
  const seedPolicy = await storedPolicy();
  // the policy editor knows the RuntimePolicy schema: a misspelt block is marked
  await setEditor(page, 'Policy', '{"samplin": {"temperature": 0.2}}');
  await expect(page.locator('.code-editor .squiggly-warning, .code-editor .squiggly-error').first()).toBeAttached();
  await setEditor(page, 'Policy', seedPolicy);
  await expect(page.locator('.code-editor .squiggly-warning, .code-editor .squiggly-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save policy' }).click();
  const byId = page.getByTestId('policy-by-id');
  await expect(byId).toContainText('Runs the saved policy');
  const id = (await byId.locator('code').textContent()) ?? '';
  expect(id).not.toBe('');
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.getByTestId('policy-by-id')).toContainText(id);
  await p.send('Extract the topic: Anne Elliot reads a letter from Captain Wentworth.');
  await p.waitDone();
  const outcome = page.getByTestId('policy-outcome');
  await expect(outcome).toContainText(id);
  await expect(outcome).toContainText('Accepted');
  const reply = (await p.replies.last().textContent()) ?? '';
  expect(Object.keys(JSON.parse(reply)).sort()).toEqual(['confidence', 'topic']);
  await p.tool('Inspector');
  await expect(page.getByTestId('request-body')).toContainText(`"policy_id": "${id}"`);

  // compare the saved policy with a preset on the same prompt and seed
  await p.tool('Policies');
  await page.getByRole('combobox', { name: 'Compare with' }).selectOption({ label: 'Preset: strict_json_extraction' });
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const results = page.getByTestId('compare-results');
  await expect(results.getByRole('article')).toHaveCount(2, { timeout: 45_000 });
  await expect(results.getByRole('article').first()).toContainText('accepted');
});

test('on the Hosted target the guide panel works through the relay (presets and runs are the upstream’s)', async ({
  page,
}) => {
  const p = await new Playground(page).fresh();
  await p.useHostedTarget();
  await p.setNumber('Max tokens', '100');
  await page.getByRole('button', { name: 'Topic and confidence' }).click();
  // lints are advice there: the hosted runtime may accept more or less than ours
  await expect(page.getByTestId('guide-facts')).toBeVisible();
  await page.getByRole('radio', { name: 'Direct guided generation' }).check();
  await p.runButton.click();
  await p.waitDone();
  await expect(page.getByTestId('validity-badge')).toHaveText('Valid');
  await p.tool('Inspector');
  await expect(page.getByTestId('logical-url')).toHaveText('https://api.axioniclabs.ai/sampling/generate');
  await constraint(page).selectOption('policy');
  const preset = page.getByRole('combobox', { name: 'Preset' });
  await expect(preset.getByRole('option', { name: 'strict_json_extraction' })).toBeAttached();
  expect(p.outside).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the guide panel is keyboard reachable and axe-clean (${theme})`, async ({ page }) => {
    const p = await new Playground(page).fresh();
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    await constraint(page).focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Topic and confidence' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('guide-facts')).toBeVisible();
    await expect(page.getByTestId('guide-sample')).toBeVisible();
    await p.tool('Policies');
    const AxeBuilder = (await import('@axe-core/playwright')).default;
    const r = await new AxeBuilder({ page }).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
