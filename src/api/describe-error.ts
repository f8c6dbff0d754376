// Errors in words a user understands, and the form field an error concerns (a 422 names it), so it is shown once,
// on the thing it is about.
import { ApiError } from './api-error.ts';

export interface Described {
  readonly message: string;
  /** The request field the error concerns (a parameter shown in the form), when the server named one. */
  readonly field?: string;
  /** Whether the server answered at all (the connection works even if the request was refused). */
  readonly reached: boolean;
  /** For the connection's status when it differs from the message (said once: the message sits on the reply). */
  readonly status?: string;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function describeError(e: unknown, o: { chars: number }): Described {
  if (!(e instanceof ApiError)) return { message: `Something went wrong: ${(e as Error).message}`, reached: false };
  if (e.code === 'connection_lost') {
    return {
      message: o.chars
        ? `Connection lost after ${plural(o.chars, 'character')}; the partial reply is kept.`
        : 'Connection lost before the reply began. Is the server still running?',
      reached: false,
      status: 'The last call lost its connection',
    };
  }
  if (e.status === 0) return { message: e.message, reached: false };
  if (e.status === 401 || e.status === 403)
    return { message: `The server did not accept the API key: ${e.message}`, reached: true };
  if (e.status === 404 && /model/i.test(e.message)) return { message: e.message, field: 'model', reached: true };
  if (e.status === 429)
    return { message: 'The server is busy with other requests: try again in a moment.', reached: true };
  if ((e.status === 422 || e.status === 400) && e.param) {
    const field = e.param.split('.')[0] ?? e.param;
    return { message: `The server refused ${field}: ${e.message.replace(/^[\w.]+: /, '')}`, field, reached: true };
  }
  if (e.status >= 500) return { message: `The server failed (${e.status}): ${e.message}`, reached: true };
  return { message: e.message, reached: true };
}
