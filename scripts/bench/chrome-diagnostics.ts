// What Chrome says about a bench run beside the long tasks: the Performance domain's metrics, a CPU profile's
// heaviest functions (self and total time) and a trace's main-thread time by event — read when a figure misses its
// target, to find where the time went.
import type { CDPSession } from '@playwright/test';

export async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: m } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(m.map((x) => [x.name, x.value]));
}

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** The CPU profile's top functions by self and by total time (ms), named `function file:line`. */
export function summariseProfile(p: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0) / 1000;
    const n = byId.get(id);
    if (!n) return;
    self.set(name(n), (self.get(name(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const k = byId.get(x);
      if (!k) break;
      const key = name(k);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([f, ms]) => ({ f, ms: Math.round(ms) }));
  return { self: top(self, 25), total: top(total, 40) };
}

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** The renderer main thread's time by trace event, self time (ms): what the page's tasks spent it on. */
export function summariseTrace(events: readonly TraceEvent[]) {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const count = (m: TraceEvent) => events.filter((e) => e.pid === m.pid && e.tid === m.tid).length;
  const main = mains.sort((a, b) => count(b) - count(a))[0];
  if (!main) return { error: 'no renderer main thread in the trace' };
  type Span = { name: string; start: number; end: number };
  const spans: Span[] = [];
  const open: TraceEvent[] = [];
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid) continue;
    if (e.ph === 'X' && e.dur !== undefined) spans.push({ name: e.name, start: e.ts, end: e.ts + e.dur });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) spans.push({ name: b.name, start: b.ts, end: e.ts });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const self = new Map<string, number>();
  const stack: (Span & { child: number })[] = [];
  const close = (upTo: number) => {
    for (let top = stack.at(-1); top && top.end <= upTo; top = stack.at(-1)) {
      stack.pop();
      self.set(top.name, (self.get(top.name) ?? 0) + (top.end - top.start - top.child) / 1000);
      const parent = stack.at(-1);
      if (parent) parent.child += top.end - top.start;
    }
  };
  for (const sp of spans) {
    close(sp.start);
    stack.push({ ...sp, child: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return Object.fromEntries(
    [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([n, ms]) => [n, Math.round(ms)]),
  );
}
