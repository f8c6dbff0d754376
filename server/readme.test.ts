// The README's curl command works as written against a running server (only the port differs).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../engine/node/load-model.ts';
import { startTestServer } from './testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('README', () => {
  it('its streamed curl chat call works as written', async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .find((b) => b.includes('curl -N http://127.0.0.1:8420/v1/chat/completions'));
    expect(block).toBeDefined();
    const script = (block ?? '')
      .split('\n')
      .filter((l) => !l.startsWith('export AXIONIC_API_KEY'))
      .join('\n')
      .replaceAll('http://127.0.0.1:8420', s.url);
    // async: the server runs in this process, so a synchronous child would deadlock it
    const { stdout: out } = await promisify(execFile)('bash', ['-c', script], {
      env: { ...process.env, AXIONIC_API_KEY: s.key },
    });
    const frames = out.split('\n\n').filter((f) => f.startsWith('data: '));
    expect(frames.at(-1)).toBe('data: [DONE]');
    const text = frames
      .slice(0, -1)
      .map((f) => JSON.parse(f.slice(6)) as { choices: { delta: { content?: string } }[] })
      .map((c) => c.choices[0]?.delta.content ?? '')
      .join('');
    expect(text.length).toBeGreaterThan(0);
  });

  it('its guided-generation curl call prints the output the README shows', async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .find((b) => b.includes('/sampling/generate'));
    expect(block).toBeDefined();
    const shown = /"output":"([^"]*)"/.exec(block ?? '')?.[1];
    const script = (block ?? '').replaceAll('http://127.0.0.1:8420', s.url);
    const { stdout } = await promisify(execFile)('bash', ['-c', script], {
      env: { ...process.env, AXIONIC_API_KEY: s.key },
    });
    const answer = JSON.parse(stdout) as { output: string; valid: boolean };
    expect(answer.output).toBe(shown);
    expect(answer.valid).toBe(true);
  });

  it("its copy of the seed page's JSON Schema request works as pasted: valid JSON of exactly that shape", async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .find((b) => b.includes('/sampling/generate') && b.includes('"json_schema"'));
    expect(block).toBeDefined();
    const script = (block ?? '').replaceAll('http://127.0.0.1:8420', s.url);
    const { stdout } = await promisify(execFile)('bash', ['-c', script], {
      env: { ...process.env, AXIONIC_API_KEY: s.key },
    });
    const answer = JSON.parse(stdout) as { output: string; valid: boolean };
    expect(answer.valid).toBe(true);
    const value = JSON.parse(answer.output) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['topic', 'confidence']);
    expect([typeof value.topic, typeof value.confidence]).toEqual(['string', 'number']);
  });
});
