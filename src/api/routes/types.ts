// A route the playground can run: how the form becomes its body, how its answer is decoded. Adding a route to the
// playground is one module in this folder and one line in registry.ts.
import type { z } from 'zod';
import type { LiveRouteId } from '../../../protocol/routes.ts';
import type { ApiError } from '../api-error.ts';
import type { TokenInfo, Usage } from '../run-events.ts';
import type { RouteKey, RunSpec } from '../run-spec.ts';
import type { SaeEvent } from '../sae-readings.ts';

/** What one frame (or one whole JSON answer) of a route says. */
export interface Decoded {
  readonly tokens: readonly TokenInfo[];
  readonly finish?: string;
  readonly usage?: Usage;
  /** The stream's end marker (OpenAI's [DONE]) or its terminal frame. */
  readonly end?: boolean;
  /** A failure the server reported inside the stream. */
  readonly error?: ApiError;
  /** The frame could not be read as this route's frame: why (shown with the frame, never skipped). */
  readonly problem?: string;
  /** What the frame says about SAE monitoring besides the tokens' readings. */
  readonly sae?: readonly SaeEvent[];
}

/** A route the mode switch offers. */
export type ModeRoute = BrowserRoute & { readonly key: RouteKey };

export interface BrowserRoute {
  /** The draft's mode for this route (stored in drafts, history and share links); 'sampling' and 'sae' are no
   * modes: a guided run's direct transport takes the first, a Generate run with behaviors the second. */
  readonly key: RouteKey | 'sampling' | 'sae';
  /** The route table's id (path, method and schemas come from there). */
  readonly routeId: LiveRouteId;
  readonly label: string;
  readonly hint: string;
  /** What the user writes: a list of messages or one prompt. */
  readonly input: 'messages' | 'prompt';
  /** Whether the route can report per-token logprobs with alternatives. */
  readonly alternatives: boolean;
  body(spec: RunSpec): Record<string, unknown>;
  /** Headers besides Content-Type and the key. */
  headers?(spec: RunSpec): Record<string, string>;
  decodeFrame(data: string): Decoded;
  decodeJson(data: string): Decoded;
  /** The request body's schema, for the JSON editor's IntelliSense. */
  readonly requestSchema?: z.ZodType;
}
