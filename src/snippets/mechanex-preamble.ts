// The head of every mechanex snippet: a header comment, the imports, MECHANEX_BASE_URL set before mechanex is
// imported (it reads it then; the hosted API is its default), the key, and set_model for a model.
import type { RequestObject } from '../api/request-object.ts';
import { pyString } from './literals/python-literal.ts';
import { HOSTED_BASE_URL, inlineKey, KEY_ENV } from './request-parts.ts';
import type { SnippetOptions } from './types.ts';

/** A comment of `# ` lines no wider than 88 columns (Black's width). */
export function pyComment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line !== '#' && line.length + 1 + word.length > 88) {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

export interface PreambleOptions {
  /** A comment for the top of the code. */
  header?: string;
  /** Whether the code needs `import json`. */
  json: boolean;
  /** The model for mx.set_model (none: the key's model). */
  model?: string;
}

/** The lines up to the call, ending with a blank one. */
export function mechanexPreamble(req: RequestObject, opts: SnippetOptions, o: PreambleOptions): string[] {
  const hosted = req.meta.baseUrl === HOSTED_BASE_URL;
  const lines: string[] = o.header ? [...pyComment(o.header), ''] : [];
  const imports = [...(o.json ? ['import json'] : []), ...(opts.keyMode === 'env' || !hosted ? ['import os'] : [])];
  if (imports.length) lines.push(...imports, '');
  if (!hosted) {
    lines.push(`os.environ["MECHANEX_BASE_URL"] = ${pyString(req.meta.baseUrl)}  # read when mechanex is imported`, '');
  }
  lines.push('import mechanex as mx', '');
  lines.push(
    `mx.set_key(${opts.keyMode === 'env' ? `os.environ[${pyString(KEY_ENV)}]` : pyString(inlineKey(req, opts))})`,
  );
  if (o.model !== undefined) lines.push(`mx.set_model(${pyString(o.model)})`);
  lines.push('');
  return lines;
}
