// Server configuration from the environment, with the documented defaults.
import { join, resolve } from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  upstream: string;
  workers: number;
  maxQueue: number;
  modelPath: string;
  /** The model's built-in steering vectors (*.json); default: the `steering` folder next to the weights. */
  steeringDir?: string;
  /** Where the SAE feature labels are (default: the model folder's sae/; tests point elsewhere). */
  saeDir?: string;
  staticRoot: string;
  /** The relay's timeouts: until the upstream's headers, and the longest silence in its body. */
  upstreamConnectTimeoutMs?: number;
  upstreamIdleTimeoutMs?: number;
}

export function readConfig(env: NodeJS.ProcessEnv, repoRoot: string): ServerConfig {
  const int = (name: string, def: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
    return v;
  };
  const upstream = env.AXPLAY_UPSTREAM || 'https://api.axioniclabs.ai';
  let u: URL;
  try {
    u = new URL(upstream);
  } catch {
    throw new Error(`AXPLAY_UPSTREAM must be an absolute http(s) URL, got "${upstream}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new Error(`AXPLAY_UPSTREAM must be http(s), got "${upstream}"`);
  return {
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 8420, 0),
    dataDir: resolve(env.AXPLAY_DATA_DIR || '.axplay'),
    upstream: u.toString().replace(/\/$/, ''),
    workers: int('AXPLAY_WORKERS', 2, 1),
    maxQueue: int('AXPLAY_QUEUE', 16, 0),
    modelPath: env.AXPLAY_MODEL
      ? resolve(env.AXPLAY_MODEL)
      : join(repoRoot, 'models', 'austen-mini', 'model.safetensors'),
    staticRoot: env.AXPLAY_STATIC ? resolve(env.AXPLAY_STATIC) : join(repoRoot, 'dist'),
    upstreamConnectTimeoutMs: int('AXPLAY_UPSTREAM_CONNECT_TIMEOUT_MS', 15_000, 1),
    upstreamIdleTimeoutMs: int('AXPLAY_UPSTREAM_IDLE_TIMEOUT_MS', 60_000, 1),
  };
}
