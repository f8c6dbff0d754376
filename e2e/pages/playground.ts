// Page objects for the playground: the header (connection, model), the conversation, the composer and Run bar,
// the parameters, and the tools tabs. Journeys read as what a user does.
import { expect, type Locator, type Page } from '@playwright/test';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4317);
/** The CORS-enabled OpenAI-compatible stand-in (e2e/fake-openai.ts). */
export const OPENAI_STANDIN = `http://127.0.0.1:${E2E_PORT + 2}`;
export const OPENAI_STANDIN_KEY = 'sk-custom-test';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

export class Playground {
  readonly page: Page;
  /** Requests that left 127.0.0.1 (none may). */
  readonly outside: string[] = [];
  /** Content Security Policy violations (none may happen). */
  readonly csp: string[] = [];

  constructor(page: Page) {
    this.page = page;
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol.startsWith('http') && !LOCAL_HOSTS.has(u.hostname)) this.outside.push(r.url());
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) this.csp.push(m.text());
    });
  }

  /** A first visit: empty storage, then the page, ready on the local model. */
  async fresh(): Promise<this> {
    await this.page.goto('/');
    await this.page.evaluate(async () => {
      localStorage.clear();
      sessionStorage.clear();
      await new Promise<void>((resolve) => {
        const r = indexedDB.deleteDatabase('axplay');
        r.onsuccess = r.onerror = r.onblocked = () => resolve();
      });
    });
    await this.page.goto('/');
    await expect(this.connectionButton).toContainText('Connected');
    return this;
  }

  get connectionButton(): Locator {
    return this.page.locator('.connection-menu > button');
  }

  async openConnection(): Promise<void> {
    if ((await this.connectionButton.getAttribute('aria-expanded')) !== 'true') await this.connectionButton.click();
  }

  async useCustomTarget(baseUrl: string, key: string): Promise<void> {
    await this.openConnection();
    await this.page.getByRole('radio', { name: 'Custom base URL' }).check();
    await this.page.getByRole('textbox', { name: 'Base URL' }).fill(baseUrl);
    await this.page.getByLabel('API key', { exact: true }).fill(key);
    await this.connectionButton.click();
  }

  mode(name: 'Chat' | 'Completion' | 'Generate'): Promise<void> {
    return this.page.getByRole('radio', { name }).check();
  }

  /** The Hosted target with the stand-in's key (e2e/fake-upstream.ts) and its model. */
  async useHostedTarget(): Promise<void> {
    await this.openConnection();
    await this.page.getByRole('radio', { name: 'Hosted Axionic API' }).check();
    await this.page.getByLabel('API key', { exact: true }).fill('ax_hosted_test_key');
    await expect(this.page.getByTestId('connection-status')).toContainText('Key works');
    await this.connectionButton.click();
    await this.page.getByRole('combobox', { name: 'Model' }).fill('gemma-2-2b-it');
  }

  get conversation(): Locator {
    return this.page.getByRole('list', { name: 'Conversation' });
  }

  get messages(): Locator {
    return this.conversation.getByRole('listitem');
  }

  get replies(): Locator {
    return this.page.getByTestId('reply');
  }

  get composer(): Locator {
    return this.page.getByRole('textbox', { name: 'Message', exact: true });
  }

  get runButton(): Locator {
    return this.page.getByRole('button', { name: 'Run', exact: true });
  }

  get stopButton(): Locator {
    return this.page.getByRole('button', { name: 'Stop', exact: true });
  }

  get stats(): Locator {
    return this.page.getByTestId('run-stats');
  }

  /** A number field by its label (the text box, not its slider). */
  number(label: string): Locator {
    return this.page.getByRole('spinbutton', { name: label, exact: true });
  }

  /** Opens the settings drawer where the settings are one (phones); returns whether it did. */
  async openSettings(): Promise<boolean> {
    const settings = this.page.getByRole('button', { name: 'Settings', exact: true });
    if (!(await settings.isVisible())) return false;
    if ((await settings.getAttribute('aria-expanded')) !== 'true') await settings.click();
    return true;
  }

  /** Closes an open drawer with its Close button. */
  async closeDrawer(): Promise<void> {
    await this.page.getByRole('complementary').getByRole('button', { name: 'Close', exact: true }).click();
  }

  /** Types a value into a number field, in the settings drawer where it is one (phones). */
  async setNumber(label: string, value: string): Promise<void> {
    const drawer = await this.openSettings();
    await this.number(label).fill(value);
    if (drawer) await this.closeDrawer();
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.runButton.click();
  }

  async waitDone(): Promise<void> {
    await expect(this.stats).toContainText(/status (done|stopped|error)/, { timeout: 30_000 });
    await expect(this.runButton).toBeVisible();
  }

  /** How many finished runs IndexedDB holds with their tokens (history is written there after the list shows them). */
  storedRuns(): Promise<number> {
    return this.page.evaluate(async () =>
      // never create the database (an empty one would keep the app's upgrade from running): only read one there is
      (await indexedDB.databases()).some((d) => d.name === 'axplay')
        ? new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('axplay');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('tokens')) {
                db.close();
                resolve(0);
                return;
              }
              const count = db.transaction('tokens').objectStore('tokens').count();
              count.onsuccess = () => {
                db.close();
                resolve(count.result);
              };
              count.onerror = () => reject(count.error);
            };
          })
        : 0,
    );
  }

  async tool(name: 'Code' | 'Inspector' | 'History' | 'Policies'): Promise<void> {
    const tools = this.page.getByRole('button', { name: 'Tools' });
    if (await tools.isVisible()) {
      if ((await tools.getAttribute('aria-expanded')) !== 'true') await tools.click();
    }
    await this.page.getByRole('tab', { name }).click();
  }
}
