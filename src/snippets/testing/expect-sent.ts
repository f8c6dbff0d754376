// Runs a target's code against the capture server and checks what it POSTed: exactly the bodies its client sends
// for the request (expected-bodies.ts), told apart from other runs by the key in its header; mechanex never sends
// an Authorization header.
import { expect } from 'vitest';
import type { RequestObject } from '../../api/request-object.ts';
import type { SnippetOptions, SnippetTarget } from '../types.ts';
import type { CaptureServer } from './capture-server.ts';
import { expectedBodies } from './expected-bodies.ts';
import { retarget } from './fixtures.ts';
import { runSnippet } from './run-code.ts';

/** `key`: the key the code sends (from the environment, or the inline custom key). */
export async function expectSent(
  capture: CaptureServer,
  target: SnippetTarget,
  fixture: RequestObject,
  opts: SnippetOptions,
  key: string,
): Promise<void> {
  const req = retarget(fixture, capture.url, opts.keyMode === 'env' ? key : 'ax_unused');
  const r = await runSnippet(target, target.render(req, opts).code, key);
  expect(r.code, r.stderr).toBe(0);
  const mine = capture.requests.filter((c) =>
    target.id.endsWith('-openai') ? c.headers.authorization === `Bearer ${key}` : c.headers['x-api-key'] === key,
  );
  const sent = mine.filter((c) => c.method === 'POST').map((c) => c.body);
  expect(sent).toEqual(expectedBodies(target, req, opts));
  if (target.id === 'python-mechanex') {
    expect(mine.every((c) => c.headers.authorization === undefined)).toBe(true);
  }
}
