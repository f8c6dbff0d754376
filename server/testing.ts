// Test helpers: a real server on a free port with its own data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelPath } from '../engine/node/load-model.ts';
import type { ServerConfig } from './config.ts';
import { type RunningServer, startServer } from './start.ts';

export async function startTestServer(
  over: Partial<ServerConfig> = {},
  o: { log?: (line: string) => void; keepData?: boolean } = {},
): Promise<RunningServer & { dataDir: string }> {
  const dataDir = over.dataDir ?? mkdtempSync(join(tmpdir(), 'axplay-test-'));
  const s = await startServer(
    {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      upstream: 'http://127.0.0.1:9',
      workers: 1,
      maxQueue: 4,
      modelPath: process.env.AXPLAY_MODEL ?? modelPath(),
      staticRoot: join(dataDir, 'no-spa'),
      ...over,
    },
    o.log,
  );
  return {
    ...s,
    dataDir,
    async close() {
      await s.close();
      if (!o.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads a fetch Response body as SSE `data:` payloads, with the time (ms since `t0`) each arrived. */
export async function readSse(
  res: Response,
  t0 = performance.now(),
): Promise<{ data: string; event?: string; at: number }[]> {
  const out: { data: string; event?: string; at: number }[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i = buf.indexOf('\n\n');
    while (i >= 0) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const data = frame
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''))
        .join('\n');
      const event = frame
        .split('\n')
        .find((l) => l.startsWith('event:'))
        ?.slice(6)
        .trim();
      if (data) out.push({ data, event, at: performance.now() - t0 });
      i = buf.indexOf('\n\n');
    }
  }
  return out;
}
