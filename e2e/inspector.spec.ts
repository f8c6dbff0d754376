// The inspector as a developer reads it (issue 19, point 2), in real Chromium against the real server: before any
// run it says so; a refused request shows its status line, response headers and error body; a streamed run its
// status, timing and how many frames came.
import { expect, test } from '@playwright/test';
import { Playground } from './pages/playground.ts';

test('a 422 shows its status line, the response headers and the error body', async ({ page }) => {
  const p = await new Playground(page).fresh();
  await p.mode('Completion');
  await p.tool('Inspector');
  // on first load "Last run" has no run to show, and says so (not the next request)
  await expect(page.getByTestId('no-run')).toContainText('No run yet');
  await page.getByRole('button', { name: 'Edit as JSON' }).click();
  await expect(page.locator('[data-testid=json-editor] .monaco-editor')).toBeVisible();
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(
    '{"model": "austen-mini", "prompt": "x", "max_tokens": 5, "temperature": 99, "stream": false',
  );
  await p.runButton.click();
  await expect(page.getByTestId('response-status')).toHaveText('422 Unprocessable Entity');
  await expect(page.getByTestId('response-headers')).toContainText('content-type: application/json');
  await expect(page.getByTestId('response-body')).toContainText('"param": "temperature"');
  await expect(page.getByTestId('response-timing')).toContainText(/Response headers after\s*\d+ ms/);
  await expect(page.getByTestId('frames-count')).toHaveText('0 frames');
});

test('a streamed run shows 200 OK, its timing and the frame count; frames download whole', async ({ page }) => {
  const p = await new Playground(page).fresh();
  await p.mode('Completion');
  await p.number('Max tokens').fill('30');
  await p.runButton.click();
  await p.waitDone();
  await p.tool('Inspector');
  await expect(page.getByTestId('response-status')).toHaveText('200 OK');
  await expect(page.getByTestId('response-headers')).toContainText('content-type: text/event-stream');
  await expect(page.getByTestId('response-body')).toHaveCount(0);
  const timing = page.getByTestId('response-timing');
  await expect(timing).toContainText(/First token after\s*\d+ ms/);
  await expect(timing).toContainText(/In all\s*\d+ ms/);
  const frames = page.getByRole('list', { name: 'Response frames' }).getByRole('listitem');
  const n = await frames.count();
  expect(n).toBeGreaterThan(1);
  await expect(page.getByTestId('frames-count')).toHaveText(`${n} frames`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download frames' }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const lines = Buffer.concat(text).toString('utf8').trim().split('\n');
  expect(lines).toHaveLength(n);
  expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ data: '[DONE]' });
});
