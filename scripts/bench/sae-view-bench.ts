// The SAE view in real Chromium (the SAE issue's "Must keep up": replaying recorded frames at 2,000 tokens/s, the
// view shows at most one long task (> 50 ms) per 10 s). The real server serves the built SPA behind a replay proxy
// (sae-replay.ts) that answers POST /sae/generate with recorded frames at that rate; the page (1440×1000, fresh
// storage) picks Generate, the four built-in behaviors and Top features, and runs. A PerformanceObserver counts long
// tasks from Run until the view says "done", plus 1 s (the run is filed in history then); the Performance domain's
// counters split the main thread's time into script, layout and style. Three replays:
// - one_run: one recording as long as a run can be (max_tokens' cap, 4,096 tokens: about 2 s), the SAE view in front;
// - one_run_output_tab: the same with the Output tab in front instead (what the rest of the page costs);
// - sustained: recordings joined into one stream of 10 s at the rate (20,000 tokens: longer than any one run).
// Reported, never asserted. Options (environment): AXPLAY_BENCH_SAE_VIEW_RATE (tokens/s, default 2,000),
// AXPLAY_BENCH_SAE_VIEW_TOKENS (one_run's length), AXPLAY_BENCH_SAE_VIEW_SUSTAINED (its length; 0 skips it),
// AXPLAY_BENCH_SAE_VIEW_COMPARE=0 (skips the Output-tab replay), AXPLAY_BENCH_DIST (another build, e.g. one made with
// `vite build --minify false --outDir …` for readable profiles), AXPLAY_BENCH_PROFILE=1 (a CPU profile of one_run:
// its top functions, and the .cpuprofile under node_modules/.cache/axplay-bench; or a list of sae,output,sustained),
// AXPLAY_BENCH_TRACE (the same as a Chrome trace: the main thread's self time by event), AXPLAY_BENCH_SCREENSHOT
// (a path prefix: a screenshot at the end of each replay).
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { REPO_ROOT } from '../../engine/node/load-model.ts';
import { MAX_TOKENS_CAP } from '../../protocol/limits.ts';
import { startTestServer } from '../../server/testing.ts';
import { metrics, type ProfileNode, summariseProfile, summariseTrace, type TraceEvent } from './chrome-diagnostics.ts';
import { instrument, type PageBench } from './long-task-probe.ts';
import {
  BUILT_IN_BEHAVIORS,
  RECORD_PROMPT,
  type Recording,
  type ReplayProxy,
  recording,
  startReplayProxy,
} from './sae-replay.ts';

const LONG_TASK_MS = 50;
/** After the view says done, how long long tasks still count (the run is filed in history then). */
const AFTER_MS = 1000;

const round = (x: number, d = 1) => Number(x.toFixed(d));

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

interface Scenario {
  /** Which centre tab shows during the replay. */
  tab: 'sae' | 'output';
  /** A CPU profile of the replay (its top functions, and the .cpuprofile file). */
  profile: boolean;
  /** A Chrome trace of the replay (the main thread's time by event, and the trace file). */
  trace: boolean;
}

async function replayOnce(browser: Browser, proxy: ReplayProxy, tokens: number, rate: number, sc: Scenario) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  // tsx (esbuild's keepNames) wraps named functions in __name(): give the page one for the functions we pass it
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  await context.addInitScript(instrument);
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && errors.length < 10) errors.push(m.text().slice(0, 300));
  });
  try {
    await page.goto(proxy.url);
    await page.evaluate(async () => {
      localStorage.clear();
      sessionStorage.clear();
      await new Promise<void>((resolve) => {
        const r = indexedDB.deleteDatabase('axplay');
        r.onsuccess = r.onerror = r.onblocked = () => resolve();
      });
    });
    await page.goto(proxy.url);
    await page.locator('.connection-menu > button').getByText('Connected', { exact: true }).waitFor();
    await page.getByRole('radio', { name: 'Generate' }).check();
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(RECORD_PROMPT);
    await page
      .getByRole('spinbutton', { name: 'Max tokens', exact: true })
      .fill(String(Math.min(tokens, MAX_TOKENS_CAP)));
    const panel = page.locator('section.behaviors-panel');
    for (const b of BUILT_IN_BEHAVIORS) await panel.getByRole('button', { name: b, exact: true }).click();
    const features = panel.getByRole('checkbox', { name: 'Top features' });
    if (!(await features.isChecked())) await features.check();
    // let the page settle (lazy chunks, the behaviors' cards) before the measured part
    await page.waitForTimeout(1000);
    await page.mouse.move(0, 0);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (sc.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    }
    if (sc.trace)
      await browser.startTracing(page, {
        categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'],
      });
    const load = loadavg()[0] ?? 0;
    const before = await metrics(cdp);
    await page.evaluate(() => (window as unknown as { __bench: PageBench }).__bench.start());
    if (sc.profile) await cdp.send('Profiler.start');
    // Run from the keyboard: the pointer stays where it is (off the text), so no token is hovered and picked
    await page.getByRole('button', { name: 'Run', exact: true }).focus();
    await page.keyboard.press('Enter');
    if (sc.tab === 'output') {
      // the SAE view comes forward when the run starts; put the Output tab back in front
      const tab = page.getByRole('tab', { name: 'SAE view' });
      await tab.waitFor();
      await page.waitForFunction(
        () => document.querySelector('[role="tab"][aria-selected="true"]')?.textContent === 'SAE view',
      );
      await page.getByRole('tab', { name: 'Output' }).click();
      await page.mouse.move(0, 0);
    }
    const timeout = 30_000 + (tokens / rate) * 3000;
    const ended = await page
      .waitForFunction(() => (window as unknown as { __bench: PageBench }).__bench.done, null, {
        polling: 500,
        timeout,
      })
      .then(
        () => undefined,
        () => `the view did not say done within ${Math.round(timeout / 1000)} s`,
      );
    await page.waitForTimeout(AFTER_MS);
    const trace = sc.trace ? await browser.stopTracing() : undefined;
    if (process.env.AXPLAY_BENCH_SCREENSHOT)
      await page.screenshot({ path: `${process.env.AXPLAY_BENCH_SCREENSHOT}-${sc.tab}-${tokens}.png` });
    const profile = sc.profile
      ? ((await cdp.send('Profiler.stop')) as {
          profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
        })
      : undefined;
    const after = await metrics(cdp);
    const b = await page.evaluate(() => {
      const x = (window as unknown as { __bench: PageBench }).__bench;
      return {
        t0: x.t0,
        firstTokenAt: x.firstTokenAt || x.t0,
        doneAt: x.doneAt || performance.now(),
        status: x.status,
        longtasks: x.longtasks,
        samples: x.samples,
        gaps: x.gaps,
        // when the /sae/generate response ended, on the page's clock (its Resource Timing entry)
        streamEnd: (
          performance
            .getEntriesByType('resource')
            .filter((e) => e.name.endsWith('/sae/generate'))
            .at(-1) as PerformanceResourceTiming | undefined
        )?.responseEnd,
      };
    });
    const shown = await page.evaluate(() => ({
      heat: document.querySelectorAll('.heat-text .tok').length,
      dropped: document.querySelectorAll('.heat-text .dropped .tok').length,
      output: document.querySelectorAll('[data-testid="output"] .tok').length,
      nodes: document.getElementsByTagName('*').length,
    }));
    const jsHeap = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize,
    );
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const rep = proxy.last();
    const end = b.doneAt + AFTER_MS;
    const tasks = b.longtasks.filter((t) => t.start >= b.t0 && t.start <= end);
    const durationS = (b.doneAt - b.t0) / 1000;
    const streamEnd = b.streamEnd;
    const split = (xs: typeof tasks) => ({ n: xs.length, ms: xs.map((t) => Math.round(t.dur)) });
    const streaming = streamEnd === undefined ? undefined : split(tasks.filter((t) => t.start < streamEnd));
    const ending = streamEnd === undefined ? undefined : split(tasks.filter((t) => t.start >= streamEnd));
    const streamS = (b.doneAt - b.firstTokenAt) / 1000;
    // long tasks second by second from the first token, with the tokens the view showed by the end of each second
    const bySecond: { s: number; tokens: number; long_tasks: number; long_task_ms: number }[] = [];
    for (let s = 0; s < Math.ceil(streamS + AFTER_MS / 1000); s++) {
      const from = b.firstTokenAt + s * 1000;
      const inIt = tasks.filter((t) => t.start >= from && t.start < from + 1000);
      const seen = b.samples.filter(([t]) => t + b.t0 < from + 1000).at(-1)?.[1] ?? 0;
      bySecond.push({
        s,
        tokens: seen,
        long_tasks: inIt.length,
        long_task_ms: Math.round(inIt.reduce((a, t) => a + t.dur, 0)),
      });
    }
    const d = (k: string) => round((after[k] ?? 0) - (before[k] ?? 0), 2);
    const gaps = [...b.gaps].sort((x, y) => x - y);
    const out: Record<string, unknown> = {
      ...(ended ? { error: ended } : {}),
      status: b.status,
      // this machine's load when the replay began (the bench shares its cores with whatever else runs)
      load_avg_1m: round(load, 2),
      tokens_shown: sc.tab === 'sae' ? shown.heat : shown.output,
      dropped_tokens_shown: sc.tab === 'sae' ? shown.dropped : undefined,
      replay_tokens: rep?.tokens,
      replay_tokens_per_s: rep?.tokens_per_s,
      replay_max_buffered_kb: rep?.max_buffered_kb,
      page_tokens_per_s: streamS > 0 ? Math.round(tokens / streamS) : undefined,
      duration_s: round(durationS, 2),
      long_tasks: tasks.length,
      long_tasks_per_10s: durationS > 0 ? round((tasks.length / durationS) * 10, 2) : undefined,
      max_long_task_ms: Math.round(Math.max(0, ...tasks.map((t) => t.dur))),
      total_long_task_ms: Math.round(tasks.reduce((a, t) => a + t.dur, 0)),
      long_task_ms: tasks.map((t) => Math.round(t.dur)),
      // while the response streamed, and after its last byte (the last render, the run filed in history)
      long_tasks_while_streaming: streaming,
      long_tasks_after_stream: ending,
      frames: gaps.length,
      frame_gap_p95_ms: round(gaps[Math.floor(gaps.length * 0.95)] ?? 0),
      frame_gap_max_ms: round(gaps.at(-1) ?? 0),
      frame_gaps_over_50ms: gaps.filter((g) => g > LONG_TASK_MS).length,
      main_thread_s: {
        task: d('TaskDuration'),
        script: d('ScriptDuration'),
        layout: d('LayoutDuration'),
        style: d('RecalcStyleDuration'),
        layouts: d('LayoutCount'),
        style_recalcs: d('RecalcStyleCount'),
      },
      dom_nodes: shown.nodes,
      heap_mb: jsHeap === undefined ? undefined : round(jsHeap / 2 ** 20),
      heap_after_gc_mb: round(afterGc.usedSize / 2 ** 20),
      by_second: bySecond,
      page_errors: errors.length ? errors : undefined,
      sent: rep?.request
        ? {
            behavior_names: rep.request.behavior_names,
            include_activations: rep.request.include_activations,
            top_k_features: rep.request.top_k_features,
            max_new_tokens: rep.request.max_new_tokens,
          }
        : 'the page never reached /sae/generate',
    };
    if (profile) {
      const dir = join(REPO_ROOT, 'node_modules', '.cache', 'axplay-bench');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `sae-view-${sc.tab}-${tokens}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile.profile));
      out.profile = { file, ...summariseProfile(profile.profile) };
    }
    if (trace) {
      const dir = join(REPO_ROOT, 'node_modules', '.cache', 'axplay-bench');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `sae-view-${sc.tab}-${tokens}-trace.json`);
      writeFileSync(file, trace);
      const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
      const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
      // the trace runs from just before Run to AFTER_MS after the end: all of it is the replay
      out.trace = { file, main_thread_self_ms: summariseTrace(events) };
    }
    return out;
  } finally {
    await context.close();
  }
}

/** AXPLAY_BENCH_PROFILE / AXPLAY_BENCH_TRACE: 1 (the one-run replay in the SAE view) or a list of sae, output and
 * sustained. */
const diag = (what: 'PROFILE' | 'TRACE', run: 'sae' | 'output' | 'sustained') => {
  const v = (process.env[`AXPLAY_BENCH_${what}`] ?? '').split(',');
  return v.includes(run) || (run === 'sae' && v.includes('1'));
};

const recordingFigures = (r: Recording) => ({
  token_frames: r.tokens,
  corrections: r.corrections,
  dropped_tokens: r.dropped_tokens,
  recordings: r.recordings,
  record_s: r.record_s,
  cached: r.cached,
});

export async function saeViewBench(model?: string): Promise<Record<string, unknown>> {
  const dist = process.env.AXPLAY_BENCH_DIST ?? join(REPO_ROOT, 'dist');
  if (!existsSync(join(dist, 'index.html')))
    return { skipped: `${dist}/index.html is missing: run \`npm run build\` first` };
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return { skipped: `no Chromium at ${executablePath} (set CHROMIUM_PATH)` };
  const rate = Number(process.env.AXPLAY_BENCH_SAE_VIEW_RATE ?? 2000);
  const tokens = Number(process.env.AXPLAY_BENCH_SAE_VIEW_TOKENS ?? MAX_TOKENS_CAP);
  const sustainedTokens = Number(process.env.AXPLAY_BENCH_SAE_VIEW_SUSTAINED ?? rate * 10);
  const stale = newestMtime(join(REPO_ROOT, 'src')) > statSync(join(dist, 'index.html')).mtimeMs;
  const server = await startTestServer({ staticRoot: dist, ...(model ? { modelPath: model } : {}) });
  let proxy: ReplayProxy | undefined;
  let browser: Browser | undefined;
  try {
    const one = await recording(server, tokens, model);
    const long = sustainedTokens > 0 ? await recording(server, sustainedTokens, model) : undefined;
    proxy = await startReplayProxy(server.url, rate);
    browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--enable-precise-memory-info',
      ],
    });
    proxy.use(one.frames);
    const sae = await replayOnce(browser, proxy, one.tokens, rate, {
      tab: 'sae',
      profile: diag('PROFILE', 'sae'),
      trace: diag('TRACE', 'sae'),
    });
    const output =
      process.env.AXPLAY_BENCH_SAE_VIEW_COMPARE === '0'
        ? undefined
        : await replayOnce(browser, proxy, one.tokens, rate, {
            tab: 'output',
            profile: diag('PROFILE', 'output'),
            trace: diag('TRACE', 'output'),
          });
    let sustained: Record<string, unknown> | undefined;
    if (long) {
      proxy.use(long.frames);
      sustained = await replayOnce(browser, proxy, long.tokens, rate, {
        tab: 'sae',
        profile: diag('PROFILE', 'sustained'),
        trace: diag('TRACE', 'sustained'),
      });
    }
    return {
      target: '≤ 1 long task (> 50 ms) per 10 s',
      rate_asked: rate,
      behaviors: [...BUILT_IN_BEHAVIORS],
      ...(stale ? { warning: 'the build is older than src/: run `npm run build` for current figures' } : {}),
      // one run as long as the page allows (max_tokens' cap), the SAE view in front
      one_run: { recording: recordingFigures(one), ...sae },
      ...(output ? { one_run_output_tab: output } : {}),
      // several recordings joined into one stream of 10 s at the rate: longer than any one run can be
      ...(long && sustained ? { sustained: { recording: recordingFigures(long), ...sustained } } : {}),
    };
  } finally {
    await browser?.close();
    await proxy?.close();
    await server.close();
  }
}
