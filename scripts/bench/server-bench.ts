// Server figures over real HTTP: time to first SSE byte and first token, chars/s for 1 and 4 concurrent
// streams, and /health latency while 4 streams run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelPath } from '../../engine/node/load-model.ts';
import { startServer } from '../../server/start.ts';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(2));
};

async function stream(url: string, key: string, maxTokens: number) {
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/completions`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({
      prompt: 'It is a truth universally acknowledged',
      max_tokens: maxTokens,
      stream: true,
      logit_bias: { '96': -100 },
      seed: 1,
    }),
  });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const dec = new TextDecoder();
  let firstByte = 0;
  let firstToken = 0;
  let chars = 0;
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!firstByte) firstByte = performance.now() - t0;
    buf += dec.decode(value, { stream: true });
    let i = buf.indexOf('\n\n');
    while (i >= 0) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (frame.startsWith('data: {')) {
        const text = (JSON.parse(frame.slice(6)) as { choices: { text: string }[] }).choices[0]?.text ?? '';
        if (text && !firstToken) firstToken = performance.now() - t0;
        chars += text.length;
      }
      i = buf.indexOf('\n\n');
    }
  }
  return { firstByte, firstToken, chars, seconds: (performance.now() - t0) / 1000 };
}

export async function serverBench(path = modelPath()) {
  const dataDir = mkdtempSync(join(tmpdir(), 'axplay-bench-'));
  const s = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    upstream: 'http://127.0.0.1:9',
    workers: 2,
    maxQueue: 16,
    modelPath: path,
    staticRoot: dataDir,
  });
  try {
    await stream(s.url, s.key, 50); // warm-up
    const ttfb: number[] = [];
    const ttft: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await stream(s.url, s.key, 20);
      ttfb.push(r.firstByte);
      ttft.push(r.firstToken);
    }
    const one = await stream(s.url, s.key, 1000);
    const healthMs: number[] = [];
    let loading = true;
    const poll = (async () => {
      while (loading) {
        const t = performance.now();
        await fetch(`${s.url}/health`);
        healthMs.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const t0 = performance.now();
    const four = await Promise.all([0, 1, 2, 3].map(() => stream(s.url, s.key, 1000)));
    const wall = (performance.now() - t0) / 1000;
    loading = false;
    await poll;
    return {
      time_to_first_sse_byte_ms: pct(ttfb, 50),
      time_to_first_token_ms: pct(ttft, 50),
      chars_per_s_1_stream: Math.round(one.chars / one.seconds),
      chars_per_s_4_streams_total: Math.round(four.reduce((a, r) => a + r.chars, 0) / wall),
      chars_per_s_4_streams_each_min: Math.round(Math.min(...four.map((r) => r.chars / r.seconds))),
      health_ms_during_load: {
        p50: pct(healthMs, 50),
        p99: pct(healthMs, 99),
        max: pct(healthMs, 100),
        samples: healthMs.length,
      },
      workers: 2,
    };
  } finally {
    await s.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
