// Starts the server: store and key, engine pool, HTTP listener. Used by main.ts and by the tests (port 0).
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { loadWeights } from '../engine/weights.ts';
import { createApp } from './app.ts';
import { loadBuiltInBehaviors } from './behaviors/built-ins.ts';
import { answerClientErrors } from './client-errors.ts';
import type { ServerConfig } from './config.ts';
import type { LocalModelInfo } from './context.ts';
import { Store } from './db.ts';
import { EnginePool } from './engine-pool.ts';
import { DEFAULT_RELAY_TIMEOUTS } from './relay.ts';
import { loadSaeFeatures } from './sae/features.ts';
import { findSae } from './sae/sae-file.ts';
import { loadBuiltIns } from './steering/built-ins.ts';

export interface RunningServer {
  url: string;
  key: string;
  pool: EnginePool;
  store: Store;
  close(): Promise<void>;
}

export function describeModel(path: string): LocalModelInfo {
  const w = loadWeights(readFileSync(path));
  const name = w.metadata.name || 'austen-mini';
  return {
    name,
    id: name,
    description:
      'A 1.2M-parameter character-level GPT trained by axplay on five Jane Austen novels plus synthetic JSON lines. ' +
      'It writes pseudo-Austen prose; it has no instruction or chat training.',
    ctx: w.cfg.ctx,
    nLayer: w.cfg.nLayer,
    dModel: w.cfg.dModel,
    vocabSize: w.cfg.vocabSize,
    createdAt: '2026-11-25T00:00:00Z',
  };
}

export async function startServer(cfg: ServerConfig, log: (s: string) => void = () => {}): Promise<RunningServer> {
  const model = describeModel(cfg.modelPath);
  const store = new Store(cfg.dataDir, log);
  const modelDir = dirname(cfg.modelPath);
  const builtInVectors = loadBuiltIns(
    cfg.steeringDir ?? join(modelDir, 'steering'),
    model,
    log,
    join(modelDir, '..', '..'),
  );
  const saeDir = cfg.saeDir ?? join(modelDir, 'sae');
  const saeFeatures = loadSaeFeatures(saeDir, model.name, log);
  const sae = findSae(saeDir, model.name, log);
  const builtInBehaviors = sae
    ? loadBuiltInBehaviors(join(saeDir, 'behaviors'), model, sae, log, join(modelDir, '..', '..'))
    : [];
  const key = store.localKey();
  const pool = new EnginePool({ modelPath: cfg.modelPath, size: cfg.workers, maxQueue: cfg.maxQueue });
  await pool.ready();
  const app = createApp({
    pool,
    store,
    key,
    model,
    builtInVectors,
    builtInBehaviors,
    saeFeatures,
    sae,
    upstream: cfg.upstream,
    relayTimeouts: {
      connectMs: cfg.upstreamConnectTimeoutMs ?? DEFAULT_RELAY_TIMEOUTS.connectMs,
      idleMs: cfg.upstreamIdleTimeoutMs ?? DEFAULT_RELAY_TIMEOUTS.idleMs,
    },
    bindHost: cfg.host,
    staticRoot: cfg.staticRoot,
    log,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: cfg.port, hostname: cfg.host }, () => resolve(s));
  });
  answerClientErrors(server as Server);
  const addr = server.address() as AddressInfo;
  const host = cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host;
  return {
    url: `http://${host}:${addr.port}`,
    key,
    pool,
    store,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await pool.close();
      store.close();
    },
  };
}
