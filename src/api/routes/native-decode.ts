// The native status frames of /generate and of /sampling/generate (streamed): started → token… → complete (the
// route's answer as `result`) or error. Both routes decode them here; only the shape of `result` differs.
import { ApiError } from '../api-error.ts';
import type { Usage } from '../run-events.ts';
import type { Decoded } from './types.ts';

export type NativeFrame =
  | { readonly status: 'started' | 'processing' }
  | { readonly status: 'token'; readonly text: string; readonly logprob?: number }
  | { readonly status: 'complete'; readonly result: { readonly finish_reason?: string; readonly usage?: Usage } }
  | { readonly status: 'error'; readonly message: string; readonly code?: string; readonly http_status?: number };

export function decodeNativeFrame(frame: NativeFrame): Decoded {
  switch (frame.status) {
    case 'token':
      return { tokens: [{ text: frame.text, logprob: frame.logprob }] };
    case 'complete':
      return { tokens: [], finish: frame.result.finish_reason ?? 'stop', usage: frame.result.usage, end: true };
    case 'error':
      return { tokens: [], end: true, error: new ApiError(frame.http_status ?? 500, frame.message, frame.code) };
    default:
      return { tokens: [] };
  }
}
