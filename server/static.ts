// Serves the built SPA: `/` (index.html) and its static files. index.html carries the local key only when the
// server binds a loopback address and the request's Host is 127.0.0.1/localhost (DNS-rebinding defence).
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { Hono } from 'hono';
import { isLoopbackBind, isLoopbackHostHeader } from './auth.ts';
import type { AppEnv } from './context.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** The page's bootstrap: what index.html learns from the server. */
export interface PageBootstrap {
  localKey?: string;
}

export function renderIndex(html: string, boot: PageBootstrap): string {
  const json = JSON.stringify(boot).replace(/</g, '\\u003c');
  return html.replace('</head>', `<script id="axplay-bootstrap" type="application/json">${json}</script></head>`);
}

export function registerStatic(app: Hono<AppEnv>, root: string, bindHost: string, localKey: string): void {
  const indexPath = join(root, 'index.html');
  const index = (host: string | undefined) => {
    const html = existsSync(indexPath)
      ? readFileSync(indexPath, 'utf8')
      : '<!doctype html><title>axplay</title><p>The SPA is not built: run npm run build.</p>';
    const handOver = isLoopbackBind(bindHost) && isLoopbackHostHeader(host);
    return renderIndex(html, handOver ? { localKey } : {});
  };
  const page = (host: string | undefined) =>
    new Response(index(host), {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      },
    });
  app.get('/', (c) => page(c.req.header('host')));
  app.get('/index.html', (c) => page(c.req.header('host')));
  app.get('*', async (c, next) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path);
    } catch {
      return next(); // not a file (the URL guard answers malformed encodings before this)
    }
    const ext = /\.[a-z0-9]+$/i.exec(rel)?.[0]?.toLowerCase();
    const file = normalize(join(root, rel));
    if (!ext || !TYPES[ext] || !file.startsWith(root + sep) || !existsSync(file)) return next();
    const immutable = rel.startsWith('/assets/');
    return new Response(readFileSync(file), {
      headers: {
        'Content-Type': TYPES[ext] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  });
}
