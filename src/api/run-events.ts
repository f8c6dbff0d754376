// What a run reports as it goes: every raw frame with its arrival time (and, for a frame that could not be read,
// the problem — reported, never skipped), text deltas with per-token logprobs, and the finish.
import type { Usage } from '../../protocol/openai-common.ts';
import type { SaeEvent, TokenReading } from './sae-readings.ts';

export type { Usage };

export interface TokenInfo {
  readonly text: string;
  readonly logprob?: number;
  readonly top?: readonly { token: string; logprob: number }[];
  /** The SAE monitor's reading at this token (runs with behaviors). */
  readonly sae?: TokenReading;
}

/** The response's status line and headers as the browser saw them (an error's body too), when it arrived. */
export interface RunResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string>>;
  /** performance.now() when the headers arrived. */
  readonly at: number;
  /** An error response's body, as it came. */
  readonly body?: string;
}

export type RunEvent =
  | ({ readonly type: 'response' } & RunResponse)
  | { readonly type: 'frame'; readonly data: string; readonly at: number; readonly problem?: string }
  | { readonly type: 'delta'; readonly tokens: readonly TokenInfo[]; readonly at: number }
  | { readonly type: 'finish'; readonly reason: string; readonly usage?: Usage }
  /** The run's SAE events (behaviors and thresholds, a correction, the summary). */
  | { readonly type: 'sae'; readonly event: SaeEvent; readonly at: number };
