// The request Run would send now, as the app hands it to the panels that show it (inspector, snippets).
import type { RequestObject } from './request-object.ts';

export interface NextRequest {
  readonly request?: RequestObject;
  readonly transportUrl?: string;
  /** Why there is no request (e.g. the edited JSON does not parse). */
  readonly error?: string;
}
