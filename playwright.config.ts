import { defineConfig, devices } from '@playwright/test';

// Real Chromium (Debian's /usr/bin/chromium: Playwright cannot download browsers here) against the real server
// running the built SPA (`npm run build` first; `npm test` does it).
const PORT = Number(process.env.E2E_PORT ?? 4317);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const UPSTREAM_PORT = PORT + 1;
const OPENAI_PORT = PORT + 2;

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 1000 },
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // a local stand-in for the hosted API, behind the relay
      command: 'npx tsx e2e/fake-upstream.ts',
      env: { FAKE_UPSTREAM_PORT: String(UPSTREAM_PORT) },
      url: `http://127.0.0.1:${UPSTREAM_PORT}/__last`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // a CORS-enabled OpenAI-compatible server on another origin, for the Custom target
      command: 'npx tsx e2e/fake-openai.ts',
      env: { FAKE_OPENAI_PORT: String(OPENAI_PORT) },
      url: `http://127.0.0.1:${OPENAI_PORT}/v1/models`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'npx tsx server/main.ts',
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        AXPLAY_DATA_DIR: 'test-results/e2e-data',
        AXPLAY_WORKERS: '1',
        AXPLAY_UPSTREAM: `http://127.0.0.1:${UPSTREAM_PORT}`,
        ...(process.env.AXPLAY_MODEL ? { AXPLAY_MODEL: process.env.AXPLAY_MODEL } : {}),
      },
      url: `http://127.0.0.1:${PORT}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
  ],
});
