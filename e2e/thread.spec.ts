// The conversation as users of the OpenAI and Hugging Face playgrounds expect it: the reply streams into the
// thread; Regenerate keeps versions; Continue continues; Clear chat can be undone; fields validate in place;
// errors come in words; the Custom target works against another OpenAI-compatible server.
import { expect, test } from '@playwright/test';
import { OPENAI_STANDIN, OPENAI_STANDIN_KEY, Playground } from './pages/playground.ts';

test('the thread grows with the streamed reply; Regenerate keeps the previous version; Continue adds characters', async ({
  page,
}) => {
  const p = await new Playground(page).fresh();
  await p.number('Max tokens').fill('300');
  await page.evaluate(() => {
    const w = window as unknown as { __counts: number[] };
    w.__counts = [];
    new MutationObserver(() => {
      w.__counts.push(document.querySelectorAll('[data-testid=reply] .tok').length);
    }).observe(document.body, { subtree: true, childList: true });
  });
  await p.send('What do you think of Mr. Darcy?');
  // the reply is a message of the conversation, and it grew in steps while streaming
  await expect(p.messages).toHaveCount(2);
  await p.waitDone();
  const counts = await page.evaluate(() => (window as unknown as { __counts: number[] }).__counts);
  expect(new Set(counts.filter((c) => c > 0)).size).toBeGreaterThan(2);
  const reply = p.messages.nth(1);
  const first = ((await reply.getByTestId('reply').textContent()) ?? '').trim();
  expect(first.length).toBeGreaterThan(10);

  // Regenerate: a new version replaces it, the old one stays browsable
  await p.number('Temperature').fill('1');
  await reply.getByRole('button', { name: 'Regenerate' }).click();
  await p.waitDone();
  await expect(reply).toContainText('2 / 2');
  const second = ((await reply.getByTestId('reply').textContent()) ?? '').trim();
  expect(second).not.toBe(first);
  await reply.getByRole('button', { name: 'Previous version' }).click();
  await expect(reply).toContainText('1 / 2');
  await expect(reply.getByTestId('reply')).toHaveText(first);
  await reply.getByRole('button', { name: 'Next version' }).click();
  await expect(reply.getByTestId('reply')).toHaveText(second);

  // Continue: more characters are appended to the same reply (the server continues it)
  await p.number('Max tokens').fill('40');
  await reply.getByRole('button', { name: 'Continue' }).click();
  await p.waitDone();
  await expect(p.messages).toHaveCount(2);
  const continued = ((await reply.getByTestId('reply').textContent()) ?? '').trim();
  expect(continued.startsWith(second)).toBe(true);
  expect(continued.length).toBeGreaterThan(second.length);
});

test('Clear chat and Delete can be undone; a failed run leaves the message in the composer', async ({ page }) => {
  const p = await new Playground(page).fresh();
  await p.number('Max tokens').fill('20');
  await p.send('Hello');
  await p.waitDone();
  await expect(p.messages).toHaveCount(2);
  await page.getByRole('button', { name: 'Clear chat' }).click();
  await expect(p.messages).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(p.messages).toHaveCount(2);
  await p.messages.first().getByRole('button', { name: 'Delete' }).click();
  await expect(p.messages).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(p.messages).toHaveCount(2);

  // a run the server refuses: nothing is added, the text stays in the composer, the error is said once
  await page.getByRole('combobox', { name: 'Model' }).fill('no-such-model');
  await p.send('Hello again');
  await p.waitDone();
  await expect(p.messages).toHaveCount(2);
  await expect(p.composer).toHaveValue('Hello again');
  await expect(page.getByText("The model 'no-such-model' does not exist")).toHaveCount(1);
});

test('a number typed out of range is kept as typed, explained on the field, and blocks Run until fixed', async ({
  page,
}) => {
  const p = await new Playground(page).fresh();
  const max = p.number('Max tokens');
  await max.fill('');
  await max.pressSequentially('100000');
  await expect(max).toHaveValue('100000'); // never rewritten
  await expect(max).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Max tokens must be at most 4096').first()).toBeVisible();
  await p.composer.fill('Hello');
  await expect(p.runButton).toBeDisabled();
  await expect(page.getByText(/Fix this field first: Max tokens must be at most 4096/)).toBeVisible();
  // backspacing to an intermediate state is fine too (caret at the end, as a user clicking in would put it)
  await max.click();
  await max.press('End');
  await max.press('Backspace');
  await max.press('Backspace');
  await max.press('Backspace');
  await expect(max).toHaveValue('100');
  await expect(max).not.toHaveAttribute('aria-invalid', 'true');
  await expect(p.runButton).toBeEnabled();
  await p.runButton.click();
  await p.waitDone();
  expect(await page.locator('[data-testid=reply] .tok').count()).toBeLessThanOrEqual(100);
  // a fifth stop sequence is explained, not dropped
  await page.getByLabel('Stop sequences').fill('a, b, c, d, e');
  await expect(page.getByRole('alert').filter({ hasText: /at most 4 \(you have 5\)/ })).toBeVisible();
  await expect(p.runButton).toBeDisabled();
});

test('the Custom target takes a base URL with /v1 and streams from another OpenAI-compatible server', async ({
  page,
}) => {
  const p = await new Playground(page).fresh();
  await p.openConnection();
  await page.getByRole('radio', { name: 'Custom base URL' }).check();
  await page.getByRole('textbox', { name: 'Base URL' }).fill('127.0.0.1:1');
  await expect(page.getByText('Base URL needs http:// or https:// in front')).toBeVisible();
  await p.useCustomTarget(`${OPENAI_STANDIN}/v1`, OPENAI_STANDIN_KEY);
  await expect(p.connectionButton).toContainText('Connected');
  await page.getByRole('combobox', { name: 'Model' }).fill('stand-in-7b');
  await p.send('Hello');
  await p.waitDone();
  await expect(p.replies.last()).toContainText('It is a truth universally acknowledged');
  await p.tool('Inspector');
  await expect(page.getByTestId('logical-url')).toHaveText(`${OPENAI_STANDIN}/v1/chat/completions`);
  // the stand-in cannot continue a reply: Continue says why instead of failing
  await expect(p.messages.last().getByRole('button', { name: 'Continue' })).toBeDisabled();
  await expect(p.messages.last()).toContainText('continue_final_message');
});

test('a server killed mid-stream: the partial reply is kept and the error is said in words', async ({ page }) => {
  const p = await new Playground(page).fresh();
  await p.useCustomTarget(OPENAI_STANDIN, OPENAI_STANDIN_KEY);
  await page.getByRole('combobox', { name: 'Model' }).fill('stand-in-7b');
  await p.send('Please CUT the line');
  await p.waitDone();
  const reply = p.messages.last();
  await expect(reply).toContainText('It is a truth universally');
  await expect(reply).toContainText(/Connection lost after \d+ characters; the partial reply is kept\./);
  await expect(p.connectionButton).toContainText('Not connected');
  await expect(page.getByText(/Connection lost after/)).toHaveCount(1);
});
