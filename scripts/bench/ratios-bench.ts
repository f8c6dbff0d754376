// How much of the engine's decoding speed reaches the user: one request (the 200-character prompt, 1,000 tokens,
// temperature 0.8, top-p 0.95, 5 alternatives per token, a fixed seed) decoded three ways, each as characters per
// second from the first token to the last:
//   engine — generate() in this process with the same settings (the baseline);
//   http   — a streaming client of the server's /v1/completions (logprobs: 5);
//   render — the built page in Chromium (after one warm-up run), characters rendered in the output (a
//            MutationObserver counts them).
// Ratios: http_over_engine = http / engine, render_over_engine = render / engine. Medians of `runs` runs each.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { generate } from '../../engine/generate.ts';
import { loadModel, modelPath, REPO_ROOT } from '../../engine/node/load-model.ts';
import { startServer } from '../../server/start.ts';
import { PROMPT } from './engine-bench.ts';

const MAX_TOKENS = 1000;
const ALTERNATIVES = 5;
const SEED = 7;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

async function engineRate(path: string): Promise<{ rate: number; chars: number }> {
  const model = loadModel(path);
  const session = model.newSession();
  const it = generate(model, session, {
    prompt: PROMPT,
    maxTokens: MAX_TOKENS,
    seed: SEED,
    sampling: { temperature: 0.8, topP: 0.95 },
    topLogprobs: ALTERNATIVES,
  });
  let first = 0;
  let n = 0;
  for (;;) {
    const x = await it.next();
    if (x.done) break;
    if (n === 0) first = performance.now();
    n++;
  }
  return { rate: ((n - 1) / (performance.now() - first)) * 1000, chars: n };
}

async function httpRate(url: string, key: string): Promise<{ rate: number; chars: number; chunks: number }> {
  const res = await fetch(`${url}/v1/completions`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({
      prompt: PROMPT,
      max_tokens: MAX_TOKENS,
      temperature: 0.8,
      top_p: 0.95,
      seed: SEED,
      logprobs: ALTERNATIVES,
      stream: true,
    }),
  });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const dec = new TextDecoder();
  let buf = '';
  let chars = 0;
  let chunks = 0;
  let first = 0;
  let firstChars = 0;
  let last = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i = buf.indexOf('\n\n');
    while (i >= 0) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (frame.startsWith('data: {')) {
        const c = JSON.parse(frame.slice(6)) as { choices: { text: string; logprobs: { tokens: string[] } | null }[] };
        const text = c.choices[0]?.text ?? '';
        if (text) {
          chunks++;
          if (!first) {
            first = performance.now();
            firstChars = text.length;
          }
          last = performance.now();
          chars += text.length;
        }
      }
      i = buf.indexOf('\n\n');
    }
  }
  return { rate: ((chars - firstChars) / (last - first)) * 1000, chars, chunks };
}

/** The built page in Chromium, with the workload in its draft; `measure()` runs it once and reads the marks. */
async function openPage(url: string) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(url);
  const draft = {
    version: 1,
    draft: {
      mode: 'completion',
      model: 'austen-mini',
      messages: [],
      composer: '',
      prompt: PROMPT,
      params: { max_tokens: MAX_TOKENS, temperature: 0.8, top_p: 0.95, stop: [], seed: SEED },
      stream: true,
      topLogprobs: ALTERNATIVES,
    },
  };
  await page.evaluate((d) => localStorage.setItem('axplay.draft', JSON.stringify(d)), draft);
  await page.goto(url);
  await page.locator('.connection-menu > button').getByText('Connected', { exact: true }).waitFor();
  const measure = async (): Promise<{ rate: number; chars: number }> => {
    // marks of the output's growth, and the end awaited from inside the page (observers: no polling that would
    // cost the page CPU while it streams)
    const ended = page.evaluate(`new Promise((resolve) => {
      const marks = [];
      let started = false;
      new MutationObserver(() => {
        const out = document.querySelector('[data-testid=output]');
        const n = out ? out.querySelectorAll('.tok').length : 0;
        const last = marks[marks.length - 1];
        if (n && (!last || last[1] !== n)) marks.push([performance.now(), n]);
      }).observe(document.querySelector('main'), { subtree: true, childList: true });
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid=run-stats]')?.textContent ?? '';
        if (text.includes('status running')) started = true;
        if (started && text.includes('status done')) resolve(marks);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })`) as Promise<[number, number][]>;
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const marks = await ended;
    const [t0, n0] = marks[0] ?? [0, 0];
    const [t1, n1] = marks.at(-1) ?? [0, 0];
    return { rate: ((n1 - n0) / (t1 - t0)) * 1000, chars: n1 };
  };
  return { measure, close: () => browser.close() };
}

export async function ratiosBench(path = modelPath(), runs = 5) {
  const dist = join(REPO_ROOT, 'dist');
  const dataDir = mkdtempSync(join(tmpdir(), 'axplay-ratios-'));
  const s = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    upstream: 'http://127.0.0.1:9',
    workers: 1,
    maxQueue: 4,
    modelPath: path,
    staticRoot: dist,
  });
  try {
    await engineRate(path); // warm-up
    await httpRate(s.url, s.key);
    const engine: number[] = [];
    const http: number[] = [];
    const render: number[] = [];
    let chars = { engine: 0, http: 0, render: 0 };
    let chunks = 0;
    const canRender =
      existsSync(join(dist, 'index.html')) && existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
    const page = canRender ? await openPage(s.url) : undefined;
    try {
      await page?.measure(); // warm-up: a page's first run pays for JIT and first renders
      for (let i = 0; i < runs; i++) {
        const e = await engineRate(path);
        const h = await httpRate(s.url, s.key);
        engine.push(e.rate);
        http.push(h.rate);
        chars = { ...chars, engine: e.chars, http: h.chars };
        chunks = h.chunks;
        if (page) {
          const r = await page.measure();
          render.push(r.rate);
          chars.render = r.chars;
        }
      }
    } finally {
      await page?.close();
    }
    const e = median(engine);
    const h = median(http);
    const r = render.length ? median(render) : undefined;
    return {
      workload: `prompt ${PROMPT.length} chars, max ${MAX_TOKENS} tokens, ${ALTERNATIVES} alternatives per token, seed ${SEED}, median of ${runs}`,
      engine_chars_per_s: Math.round(e),
      http_chars_per_s: Math.round(h),
      render_chars_per_s: r === undefined ? null : Math.round(r),
      http_over_engine: Number((h / e).toFixed(2)),
      render_over_engine: r === undefined ? null : Number((r / e).toFixed(2)),
      chars,
      http_chunks: chunks,
      ...(canRender ? {} : { render_skipped: 'needs dist/ (npm run build) and /usr/bin/chromium' }),
    };
  } finally {
    await s.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
