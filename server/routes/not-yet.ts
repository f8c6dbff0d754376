// Routes of the Axionic contract whose features arrive in later issues answer 501 with a message, never a fake.
import type { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { ApiError, respondError } from '../errors.ts';

const LATER: readonly [string, string][] = [
  ['/sampling/*', 'guided generation (JSON Schema, regex, grammar)'],
  ['/sae/*', 'SAE-monitored generation'],
  ['/policies', 'inference policies'],
  ['/policies/*', 'inference policies'],
  ['/behaviors', 'behaviors'],
  ['/behaviors/*', 'behaviors'],
  ['/steering/*', 'steering vectors'],
];

export function registerNotYetRoutes(app: Hono<AppEnv>): void {
  for (const [path, feature] of LATER) {
    app.all(path, (c) =>
      respondError(
        c,
        new ApiError(501, 'not_implemented', `${c.req.path}: ${feature} is not available on the local runtime yet`, {
          code: 'not_implemented',
        }),
      ),
    );
  }
}
