// The page side of the SAE view's bench: installed before the page's own scripts, a buffered PerformanceObserver for
// long tasks (> 50 ms) and, from start(), the view's progress (tokens shown, frame gaps, when it is done).
export interface PageBench {
  t0: number;
  firstTokenAt: number;
  doneAt: number;
  done: boolean;
  status: string;
  longtasks: { start: number; dur: number }[];
  samples: [number, number][];
  gaps: number[];
  start(): void;
}

/** Runs in the page before its own scripts: the long-task observer, and (from start()) the view's progress. */
export function instrument(): void {
  const b: PageBench = {
    t0: 0,
    firstTokenAt: 0,
    doneAt: 0,
    done: false,
    status: '',
    longtasks: [],
    samples: [],
    gaps: [],
    start() {
      b.t0 = performance.now();
      const iv = setInterval(() => {
        // tokens from the run's stats (under the centre, whichever tab is in front); the end from them and the
        // SAE view's own status line when it is in front
        const stats = document.querySelector('[data-testid="run-stats"]')?.textContent ?? '';
        const view = document.querySelector('.sae-view .sae-toolbar [role="status"]')?.textContent;
        const now = performance.now();
        const n = Number(/tokens (?:\d+ in \/ )?(\d+) out/.exec(stats)?.[1] ?? 0);
        b.samples.push([now - b.t0, n]);
        if (n > 0 && !b.firstTokenAt) b.firstTokenAt = now;
        const ended =
          /status (done|error|stopped)/.test(stats) &&
          (view === undefined || /(^|· )(done|error|stopped)$/.test(view.trim()));
        if (ended) {
          b.firstTokenAt ||= now;
          b.done = true;
          b.doneAt = now;
          b.status = view ?? stats;
          clearInterval(iv);
        }
      }, 100);
      let last = 0;
      const loop = (t: number) => {
        if (last) b.gaps.push(t - last);
        last = t;
        if (!b.done) requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    },
  };
  (window as unknown as { __bench: PageBench }).__bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, dur: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}
