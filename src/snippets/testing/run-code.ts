// Runs rendered snippets for real, asynchronously (the server under test lives in the same process): bash for
// curl, python3 with the standard-library SDK stand-ins on PYTHONPATH, node for ES modules written inside the
// repository so that `import 'openai'` resolves from its node_modules.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SnippetTarget } from '../types.ts';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const PY_STUBS = join(import.meta.dirname, 'py-stubs');
const JS_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'axplay-snippets');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed after timeoutMs) and collects its output. */
export function runProcess(
  cmd: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    p.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The environment a snippet runs in: the key in AXIONIC_API_KEY, no inherited SDK or proxy settings. */
export function snippetEnv(key: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(MECHANEX_|OPENAI_|AXIONIC_)|proxy$/i.test(k)) delete env[k];
  }
  return {
    ...env,
    AXIONIC_API_KEY: key,
    NO_PROXY: '127.0.0.1,localhost',
    PYTHONPATH: PY_STUBS,
    PYTHONUTF8: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

/** Runs one snippet's code with its language's interpreter. */
export async function runSnippet(target: SnippetTarget, code: string, key: string): Promise<RunResult> {
  const env = snippetEnv(key);
  if (target.language === 'bash') return runProcess('bash', ['-c', code], env);
  if (target.language === 'python') return runProcess('python3', ['-c', code], env);
  mkdirSync(JS_DIR, { recursive: true });
  const file = join(JS_DIR, `${target.id}-${randomUUID()}.mjs`);
  writeFileSync(file, code);
  try {
    return await runProcess(process.execPath, [file], env);
  } finally {
    rmSync(file, { force: true });
  }
}
