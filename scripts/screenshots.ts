// Screenshots of the playground at the three widths users bring (1440, 1024 and 390 px), light and dark, after a
// short seeded conversation on the local model, the steering panel with a strength sweep at 1440 px, and the SAE view
// of a monitored run (a correction included) at 1440 px: `npm run screenshots` (after `npm run build`; `-- --only sae`
// for the last alone) writes them to docs/screenshots/. They show the layout, not a benchmark: rerun after a layout
// change and commit the images.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { modelPath, REPO_ROOT } from '../engine/node/load-model.ts';
import { startServer } from '../server/start.ts';

const SIZES = [
  { name: '1440', width: 1440, height: 900 },
  { name: '1024', width: 1024, height: 768 },
  { name: '390', width: 390, height: 844 },
] as const;
const OUT = join(REPO_ROOT, 'docs', 'screenshots');

/** A draft with a short conversation to run: seeded, so the images change only when the layout does. */
const draft = {
  version: 1,
  draft: {
    mode: 'chat',
    model: 'austen-mini',
    messages: [
      { id: 'm0', role: 'system', content: 'You are a correspondent of Miss Austen’s.' },
      { id: 'm1', role: 'user', content: 'What do you think of Mr. Darcy?' },
    ],
    composer: '',
    prompt: '',
    params: { max_tokens: 160, temperature: 0.7, top_p: 0.95, stop: [], seed: 11 },
    stream: true,
    topLogprobs: 5,
  },
};

/** Opens the page with this saved draft and theme (a first visit otherwise). */
async function openWith(page: Page, url: string, d: unknown, theme: 'light' | 'dark'): Promise<void> {
  await page.goto(url);
  await page.evaluate(
    ([saved, t]) => {
      localStorage.clear();
      localStorage.setItem('axplay.draft', JSON.stringify(saved));
      localStorage.setItem('axplay.prefs', JSON.stringify({ v: 1, theme: t }));
    },
    [d, theme] as const,
  );
  await page.goto(url);
}

const { values: args } = parseArgs({ options: { only: { type: 'string' } } });
const want = (part: string) => !args.only || args.only === part;

/** The SAE view of two seeded runs: Completion with "dialogue" (a stream reports: the heatmap lights up inside the
 * quotation marks), and Generate with "dialogue" monitored and top features (drift corrected: markers, dropped text). */
const SAE_SCENES = [
  {
    name: 'sae-quotes',
    mode: 'completion',
    prompt: 'She turned to her sister. ',
    seed: 11,
    max: 150,
    arrows: 30,
  },
  {
    name: 'sae',
    mode: 'generate',
    prompt: 'Anne looked up from her letter, and said, ',
    seed: 2,
    max: 160,
    arrows: 8,
  },
] as const;

async function saeShots(browser: import('@playwright/test').Browser, url: string): Promise<void> {
  for (const scene of SAE_SCENES)
    for (const theme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
      const monitored = {
        ...draft,
        draft: {
          ...draft.draft,
          mode: scene.mode,
          messages: [],
          prompt: scene.prompt,
          params: { ...draft.draft.params, max_tokens: scene.max, temperature: 0.8, seed: scene.seed },
          behaviors: { picked: [{ name: 'dialogue', mode: 'monitor' }], features: true },
        },
      };
      await openWith(page, url, monitored, theme);
      await page.locator('.connection-menu > button').getByText('Connected', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByTestId('run-stats').getByText('status done').waitFor({ timeout: 60_000 });
      const text = page.getByRole('textbox', { name: 'Heatmap text' });
      await text.focus();
      for (let i = 0; i < scene.arrows; i++) await page.keyboard.press('ArrowRight');
      const feature = page.getByText(/^Feature \d+:/).first();
      if (await feature.count()) await feature.click();
      await page.mouse.move(0, 0);
      const file = join(OUT, `${scene.name}-1440-${theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await page.close();
    }
}

async function main() {
  const dist = join(REPO_ROOT, 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('Build the page first: npm run build');
  mkdirSync(OUT, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'axplay-shots-'));
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    upstream: 'http://127.0.0.1:9',
    workers: 1,
    maxQueue: 4,
    modelPath: modelPath(),
    staticRoot: dist,
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    if (want('sae')) await saeShots(browser, server.url);
    for (const size of want('layout') ? SIZES : []) {
      for (const theme of ['light', 'dark'] as const) {
        const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
        await openWith(page, server.url, draft, theme);
        await page.locator('.connection-menu > button').getByText('Connected', { exact: true }).waitFor();
        await page.getByRole('button', { name: 'Run', exact: true }).click();
        await page.getByTestId('run-stats').getByText('status done').waitFor({ timeout: 60_000 });
        await page.getByRole('textbox', { name: 'Message', exact: true }).fill('And of Mr. Wickham?');
        await page.mouse.move(0, 0);
        const file = join(OUT, `${size.name}-${theme}.png`);
        await page.screenshot({ path: file });
        console.log(file);
        await page.close();
      }
    }
    for (const theme of want('steering') ? (['light', 'dark'] as const) : []) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
      const steered = {
        ...draft,
        draft: {
          ...draft.draft,
          messages: draft.draft.messages.slice(0, 1),
          composer: 'Tell me about the ball.',
          params: { ...draft.draft.params, max_tokens: 120 },
          steering: { vectorId: 'austen-mini/exclamation', strength: 1.5 },
        },
      };
      await openWith(page, server.url, steered, theme);
      await page.getByTestId('vector-card').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Sweep', exact: true }).click();
      for (let i = 0; i < 5; i++) await page.getByTestId('coherence').nth(i).waitFor({ timeout: 90_000 });
      await page.mouse.move(0, 0);
      const file = join(OUT, `steering-1440-${theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
