// First-load JavaScript of the built SPA (dist/): what index.html loads before any interaction, gzip-compressed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../../engine/node/load-model.ts';

export function bundleBench(dist = join(REPO_ROOT, 'dist')) {
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) return { error: 'dist/ is missing: run npm run build first' };
  const html = readFileSync(indexPath, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
  let js = 0;
  let css = 0;
  for (const ref of refs) {
    const gz = gzipSync(readFileSync(join(dist, ref))).length;
    if (ref.endsWith('.js')) js += gz;
    else css += gz;
  }
  return {
    first_load_js_gzip_kb: Number((js / 1024).toFixed(1)),
    first_load_css_gzip_kb: Number((css / 1024).toFixed(1)),
    first_load_files: refs,
  };
}
