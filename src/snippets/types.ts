// The snippet generator's vocabulary: a target renders the one request object the client sends as code.
import type { RequestObject } from '../api/request-object.ts';

export interface SnippetOptions {
  /** 'env': the key is read from AXIONIC_API_KEY; 'inline': the real key string is written into the code. */
  keyMode: 'env' | 'inline';
  /** The active key (used by 'inline' when no custom key is given). */
  apiKey?: string;
  /** Replaces body.model. */
  customModel?: string;
  /** Replaces the key ('inline' mode). */
  customKey?: string;
}

export interface Snippet {
  code: string;
  /** Request fields this client cannot send; shown to the user. */
  unsupported: string[];
  notes: string[];
}

export interface SnippetTarget {
  id: string;
  label: string;
  language: 'bash' | 'python' | 'javascript';
  /** What to install before the code runs (a shell line), when it needs anything. */
  install?: string;
  render(req: RequestObject, opts: SnippetOptions): Snippet;
}
