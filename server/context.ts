// What the routes share: the engine pool, the store, the model's description, limits and configuration.

import type { BuiltInBehavior } from './behaviors/built-ins.ts';
import type { Store } from './db.ts';
import type { EnginePool } from './engine-pool.ts';
import type { RelayTimeouts } from './relay.ts';
import type { SaeFeatures } from './sae/features.ts';
import type { SaeInfo } from './sae/sae-file.ts';
import type { KnownVector } from './steering/built-ins.ts';

export interface LocalModelInfo {
  /** The model's name as clients send it (`model`). */
  readonly name: string;
  readonly id: string;
  readonly description: string;
  readonly ctx: number;
  readonly nLayer: number;
  readonly dModel: number;
  readonly vocabSize: number;
  readonly createdAt: string;
}

export interface ServerDeps {
  readonly pool: EnginePool;
  readonly store: Store;
  readonly key: string;
  readonly model: LocalModelInfo;
  /** The relay's one upstream base URL (AXPLAY_UPSTREAM). */
  readonly upstream: string;
  /** The relay's timeouts (defaults when absent). */
  readonly relayTimeouts?: RelayTimeouts;
  /** The address the server binds (the key hand-over needs a loopback bind). */
  readonly bindHost: string;
  /** The model's built-in steering vectors (read-only; none when absent). */
  readonly builtInVectors?: readonly KnownVector[];
  /** The model's built-in behaviors (read-only; none when absent or without an SAE). */
  readonly builtInBehaviors?: readonly BuiltInBehavior[];
  /** The model's SAE feature labels (none: the model has no SAE here). */
  readonly saeFeatures?: SaeFeatures;
  /** The model's SAE weights (none: no SAE here). */
  readonly sae?: SaeInfo;
  /** The built SPA (dist/); undefined serves no static files. */
  readonly staticRoot?: string;
  readonly log?: (line: string) => void;
}

/** Hono's environment for this app: what middleware puts on the context. */
export type AppEnv = { Variables: { apiKey: string } };
