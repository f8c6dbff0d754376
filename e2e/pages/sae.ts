// Page objects for the SAE parts of the playground: the side panel's Behaviors section (the chips, their modes, the
// typed names of the Hosted target, "Create behavior") and the centre's SAE view (the heatmap, its correction markers,
// the token readout, the sparklines). Journeys read as what a user does.
import { expect, type Locator, type Page } from '@playwright/test';
import { Playground } from './playground.ts';

/** A heatmap token as the page shows it: its text, its heat bucket and its shown score (undefined: no reading). */
export interface HeatSpan {
  readonly text: string;
  readonly heat: number;
  readonly score: number | undefined;
  /** Inside a struck-through stretch that a correction dropped. */
  readonly dropped: boolean;
}

export class Behaviors {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  get panel(): Locator {
    return this.page.locator('section.behaviors-panel');
  }

  /** The "Behaviors" group of chips. */
  get group(): Locator {
    return this.page.getByRole('group', { name: 'Behaviors', exact: true });
  }

  chip(name: string): Locator {
    return this.group.getByRole('button', { name, exact: true });
  }

  modeGroup(name: string): Locator {
    return this.page.getByRole('group', { name: `${name} mode`, exact: true });
  }

  /** Picks a behavior (its chip pressed) in this mode. */
  async pick(name: string, mode: 'Monitor' | 'Forced' = 'Monitor'): Promise<void> {
    const chip = this.chip(name);
    if ((await chip.getAttribute('aria-pressed')) !== 'true') await chip.click();
    await expect(chip).toHaveAttribute('aria-pressed', 'true');
    const button = this.modeGroup(name).getByRole('button', { name: mode, exact: true });
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  /** Where the list is behind a login (Hosted, Custom): a behavior's name typed and added. */
  async add(name: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Behavior name', exact: true }).fill(name);
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(this.chip(name)).toHaveAttribute('aria-pressed', 'true');
  }

  get topFeatures(): Locator {
    return this.page.getByRole('checkbox', { name: 'Top features', exact: true });
  }

  /** A picked behavior's card, opened ("About <name>"). */
  async about(name: string): Promise<Locator> {
    const details = this.panel.locator('details.behavior-about').filter({ hasText: `About ${name}` });
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
      await details.getByText(`About ${name}`, { exact: true }).click();
    const card = details.getByTestId('behavior-card');
    await expect(card).toBeVisible();
    return card;
  }

  get createButton(): Locator {
    return this.page.getByRole('button', { name: 'Create behavior', exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Create behavior' });
  }
}

export class SaeView {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** The centre's tab of the SAE view (there once behaviors are picked or the active run has them). */
  get tab(): Locator {
    return this.page.getByRole('tab', { name: 'SAE view', exact: true });
  }

  async show(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
  }

  get view(): Locator {
    return this.page.locator('section.sae-view');
  }

  get heatmap(): Locator {
    return this.page.getByRole('region', { name: 'Behavior heatmap', exact: true });
  }

  get text(): Locator {
    return this.heatmap.getByRole('textbox', { name: 'Heatmap text', exact: true });
  }

  /** The token spans (dropped ones included). */
  get tokens(): Locator {
    return this.text.locator('span.tok');
  }

  /** The run's status, announced when it starts and ends ("Streaming…", "done"). */
  get status(): Locator {
    return this.view.locator('.sae-toolbar [role=status]');
  }

  /** The text's counts ("60 tokens · 3 corrections"). */
  get counts(): Locator {
    return this.view.locator('.sae-toolbar > .hint:not([role])');
  }

  get colourBy(): Locator {
    return this.view.getByRole('combobox', { name: 'Colour by', exact: true });
  }

  /** Correction markers: "Correction k: <behavior> <score> > <threshold>, cut at token i". */
  get markers(): Locator {
    return this.text.getByRole('button', { name: /^Correction \d+: / });
  }

  get dropped(): Locator {
    return this.text.locator('del.dropped');
  }

  get readout(): Locator {
    return this.page.getByTestId('sae-readout');
  }

  /** The readout's score cell for a behavior (its row of the table). */
  readoutScore(name: string): Locator {
    return this.readout
      .getByRole('row', { name: new RegExp(`^${name} `) })
      .getByRole('cell')
      .first();
  }

  get scores(): Locator {
    return this.page.getByRole('region', { name: 'Behavior scores', exact: true });
  }

  /** A behavior's sparkline (its text alternative states the numbers). */
  sparkline(name: string): Locator {
    return this.scores.getByRole('img', { name: new RegExp(`^${name} \\((monitor|forced)\\): `) });
  }

  /** The number of tokens a sparkline's text alternative states (0 before any score). */
  async sparklineTokens(name: string): Promise<number> {
    const label = (await this.sparkline(name).getAttribute('aria-label')) ?? '';
    return Number(/: (\d+) tokens/.exec(label)?.[1] ?? 0);
  }

  /** A hint the view shows where something is missing. */
  get missing(): Locator {
    return this.view.locator('.sae-missing');
  }

  async waitDone(): Promise<void> {
    await expect(this.status).toHaveText(/^(done|stopped|error)$/, { timeout: 30_000 });
  }

  /** Every token span: its text, heat bucket, and shown score (read from its title). */
  spans(): Promise<HeatSpan[]> {
    return this.tokens.evaluateAll((els) =>
      els.map((e) => {
        const title = e.getAttribute('title') ?? '';
        return {
          text: e.textContent ?? '',
          heat: Number(/\bheat-(\d+)\b/.exec(e.className)?.[1] ?? -1),
          score: title === 'no reading' ? undefined : Number(title),
          dropped: e.closest('del.dropped') !== null,
        };
      }),
    );
  }
}

/** The Prompt field (Completion and Generate modes). */
export const prompt = (page: Page) => page.getByRole('textbox', { name: 'Prompt', exact: true });

/** A fresh page in Generate mode (POST /sae/generate) with this prompt, seed and max tokens. */
export async function generate(page: Page, text: string, seed: number, maxTokens: number): Promise<Playground> {
  const p = await new Playground(page).fresh();
  await p.mode('Generate');
  await prompt(page).fill(text);
  await p.setNumber('Seed', String(seed));
  await p.setNumber('Max tokens', String(maxTokens));
  return p;
}

/** The prompt that drifts into dialogue: with seed 2 (and the page's default sampling) the monitor cuts it twice. */
export const DRIFTS = 'Anne looked up from her letter, and said, ';
