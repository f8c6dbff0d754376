// Behaviors beyond the built-ins and beyond the local target, in real Chromium against the real server: a behavior
// made from the user's JSONL (uploaded), monitored, renamed and deleted; the Hosted target's typed names through the
// relay (a Generate and a chat run stream readings); a Custom server that sends no readings (the view says what is
// missing).
import { expect, test } from '@playwright/test';
import { OPENAI_STANDIN, OPENAI_STANDIN_KEY, Playground } from './pages/playground.ts';
import { Behaviors, DRIFTS, generate, prompt, SaeView } from './pages/sae.ts';

test('create a behavior from a small JSONL, see its separation, monitor with it and run', async ({ page }) => {
  const p = await generate(page, 'Good morning. ', 5, 40);
  const b = new Behaviors(page);
  const name = `e2e-sae-${Date.now().toString(36)}`;
  await b.createButton.click();
  const dialog = b.dialog;
  await expect(dialog).toBeVisible();
  const pairs = dialog.getByRole('textbox', { name: 'Pairs (JSONL)' });
  await pairs.fill('{"prompt": "x", "positive_answer": "Oh!"}');
  await expect(dialog.getByRole('list', { name: 'Problems in the pairs' })).toContainText('negative_answer');
  await expect(dialog.getByRole('button', { name: 'Create', exact: true })).toBeDisabled();
  // a small JSONL file, as mx.sae.create_behavior_from_jsonl reads one: quoted speech vs narration after the same
  // opening (its own lines, uploaded through the dialog's file field)
  const lines = [
    ['Mr. Darcy said, ', '"I am quite sure of it."', 'that he was quite sure of it.'],
    ['Elizabeth replied, ', '"You are too kind, sir."', 'that he was too kind to her.'],
    ['Jane whispered, ', '"Do not be alarmed."', 'that there was no cause for alarm.'],
    ['Her mother cried, ', '"Oh! Mr. Bennet!"', 'out to Mr. Bennet across the room.'],
    ['Anne answered, ', '"I had rather not go."', 'that she had rather not go.'],
    ['Emma said, ', '"It is a fine day."', 'that it was a fine day for walking.'],
    ['The Colonel observed, ', '"We shall see."', 'that they should soon see.'],
    ['Lydia laughed, ', '"What a joke it is!"', 'at the joke with her sister.'],
  ].map(([prompt, positive_answer, negative_answer]) => JSON.stringify({ prompt, positive_answer, negative_answer }));
  await dialog.getByLabel('Upload JSONL').setInputFiles({
    name: 'speech.jsonl',
    mimeType: 'application/jsonl',
    buffer: Buffer.from(`${lines.join('\n')}\n`),
  });
  await expect(pairs).toHaveValue(new RegExp(`^${lines[0]?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await expect(dialog).toContainText('8 pair(s) ready');
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dialog.getByRole('textbox', { name: 'Description', exact: true }).fill('made by the SAE journey');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  const result = dialog.getByRole('region', { name: 'Behavior created' });
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toContainText(name);
  await expect(result.locator('dt', { hasText: 'Separation AUC' }).locator('+ dd')).toContainText(/0\.\d{2}|1\.0/);
  await expect(result.locator('dt', { hasText: 'Threshold' }).locator('+ dd')).toHaveText(/^0\.\d{3}$/);
  await result.getByRole('button', { name: 'Monitor with it' }).click();
  await expect(dialog).toBeHidden();
  // its chip is there and pressed, in Monitor mode, and its card says it is the user's
  await expect(b.chip(name)).toHaveAttribute('aria-pressed', 'true');
  await expect(b.modeGroup(name).getByRole('button', { name: 'Monitor' })).toHaveAttribute('aria-pressed', 'true');
  const card = await b.about(name);
  await expect(card).toContainText('yours');
  await expect(card).toContainText('made by the SAE journey');

  const sae = new SaeView(page);
  await p.runButton.click();
  await sae.waitDone();
  await expect(sae.sparkline(name)).toHaveAttribute('aria-label', new RegExp(`^${name} \\(monitor\\): \\d+ tokens`));
  expect(await sae.sparklineTokens(name)).toBeGreaterThan(0);
  expect((await sae.spans()).every((s) => s.score !== undefined)).toBe(true);

  // the user's own behavior is renamed from its card: the chip follows, still picked
  const renamed = `${name}-renamed`;
  await card.getByRole('textbox', { name: 'Name', exact: true }).fill(renamed);
  await card.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(b.chip(renamed)).toHaveAttribute('aria-pressed', 'true', { timeout: 5_000 });
  await expect(b.chip(name)).toHaveCount(0);
  // and deleted (asked once more): its chip goes
  const renamedCard = await b.about(renamed);
  await renamedCard.getByRole('button', { name: 'Delete', exact: true }).click();
  await renamedCard.getByRole('button', { name: 'Delete behavior' }).click();
  await expect(b.chip(renamed)).toHaveCount(0);
});

test('hosted target: typed behavior names; a Generate run and a chat run stream readings through the relay', async ({
  page,
}) => {
  const p = await new Playground(page).fresh();
  await p.useHostedTarget();
  const b = new Behaviors(page);
  // the hosted list needs a login: names are typed
  await expect(b.panel).toContainText('type a behavior’s name and Add it');
  await b.add('dialogue');
  await b.add('question');
  await b.topFeatures.check();
  const sae = new SaeView(page);

  await p.mode('Generate');
  await prompt(page).fill(DRIFTS);
  await p.setNumber('Seed', '2');
  await p.setNumber('Max tokens', '60');
  await p.runButton.click();
  await sae.waitDone();
  await p.tool('Inspector');
  await expect(page.getByTestId('logical-url')).toHaveText('https://api.axioniclabs.ai/sae/generate');
  // readings arrived through the relay: coloured tokens, both sparklines, the correction, features
  const spans = await sae.spans();
  expect(spans.length).toBeGreaterThan(40);
  expect(spans.every((s) => s.score !== undefined)).toBe(true);
  await expect(sae.sparkline('dialogue')).toBeVisible();
  await expect(sae.sparkline('question')).toBeVisible();
  await expect(sae.markers).toHaveCount(2);
  await sae.text.focus();
  await expect(sae.readout.getByRole('list', { name: 'Top features' })).toBeVisible();

  // a chat run (greedy, without a seed: the stand-in passes it on for its behavior_names alone): the scores ride the
  // OpenAI stream; the view says top features do not come on this route
  await p.mode('Chat');
  await p.setNumber('Seed', '');
  await p.setNumber('Temperature', '0');
  await p.send('Tell me what Anne said.');
  await sae.waitDone();
  await expect(page.getByTestId('logical-url')).toHaveText('https://api.axioniclabs.ai/v1/chat/completions');
  await expect(page.getByTestId('request-body')).not.toContainText('"seed"');
  await expect(page.getByTestId('request-body')).toContainText('"behavior_names"');
  const chat = await sae.spans();
  expect(chat.length).toBeGreaterThan(10);
  expect(chat.every((s) => s.score !== undefined)).toBe(true);
  await expect(sae.sparkline('dialogue')).toBeVisible();
  await sae.text.focus();
  await expect(sae.readoutScore('dialogue')).toHaveText(chat[0]?.score?.toFixed(4) ?? 'none');
  await expect(sae.readout).toContainText('Top features come only with /sae/generate');
  await expect(sae.readout.getByRole('list', { name: 'Top features' })).toHaveCount(0);
  expect(p.outside).toEqual([]);
});

test('a server that sends no readings: the view shows the text uncoloured and says so', async ({ page }) => {
  const p = await new Playground(page).fresh();
  await p.useCustomTarget(OPENAI_STANDIN, OPENAI_STANDIN_KEY);
  const b = new Behaviors(page);
  await b.add('dialogue');
  const sae = new SaeView(page);
  await p.send('Hello.');
  await sae.waitDone();
  await expect(sae.missing).toContainText('No per-token behavior scores arrived');
  const spans = await sae.spans();
  expect(spans.length).toBeGreaterThan(0);
  expect(spans.every((s) => s.score === undefined && s.heat === 0)).toBe(true);
  await expect(sae.scores).toContainText('No behavior has reported a score yet.');
});
