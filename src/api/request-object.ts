// The one request model: what the client sends, the inspector shows and every snippet renders.
// A request has two URLs: the logical one (what the user targets and snippets show) and the transport one
// (what the browser fetches: the same URL, or the local server's relay path for the hosted API).
import type { ChatTemplate } from '../../protocol/chat-template.ts';

export type { ChatTemplate };

export type TargetKind = 'local' | 'hosted' | 'custom';

export interface RequestObject {
  readonly method: 'GET' | 'POST';
  /** Logical URL, e.g. https://api.axioniclabs.ai/v1/chat/completions or http://127.0.0.1:8420/v1/chat/completions */
  readonly url: string;
  /** Logical headers, as a client of the API sends them; the API key is the `x-api-key` header's value. */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body (POST). */
  readonly body?: Readonly<Record<string, unknown>>;
  /** Facts snippet targets need that the HTTP request alone does not carry. */
  readonly meta: RequestMeta;
}

export interface RequestMeta {
  readonly target: TargetKind;
  /** The API's base URL without a trailing slash, e.g. http://127.0.0.1:8420 (OpenAI clients add /v1). */
  readonly baseUrl: string;
  /** The API path, e.g. /v1/chat/completions, /v1/completions, /generate. */
  readonly path: string;
  /** How the server renders chat messages into a prompt (from GET /models), for clients without a chat call. */
  readonly chatTemplate?: ChatTemplate;
}

export const API_KEY_HEADER = 'x-api-key';
