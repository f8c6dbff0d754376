// The training corpus: Jane Austen's six novels from Debian's r-cran-janeaustenr package (MIT).
// `ensureCorpus()` downloads the package with apt-get (no install, no R), extracts the novels and writes them,
// prepared, to data/austen/<slug>.txt. Persuasion is the held-out book: it is never trained on.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAustenRdb } from './austen-rdb.ts';
import { unwrapParagraphs } from './prepare-text.ts';

export const HELDOUT_SLUG = 'persuasion';
const PACKAGE = 'r-cran-janeaustenr';

export interface Book {
  readonly slug: string;
  readonly title: string;
  readonly text: string;
}

export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function corpusDir(root: string): string {
  return join(root, 'data', 'austen');
}

/** Makes sure data/austen holds the six prepared novels; returns them (training books first). */
export function ensureCorpus(root: string, log: (s: string) => void = () => {}): Book[] {
  const dir = corpusDir(root);
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    mkdirSync(dir, { recursive: true });
    const dataDir = join(root, 'data');
    let deb = readdirSync(dataDir).find((f) => f.startsWith(PACKAGE) && f.endsWith('.deb'));
    if (!deb) {
      log(`downloading ${PACKAGE} with apt-get (run 'apt-get update' first if this fails)`);
      execFileSync('apt-get', ['download', PACKAGE], { cwd: dataDir, stdio: 'inherit' });
      deb = readdirSync(dataDir).find((f) => f.startsWith(PACKAGE) && f.endsWith('.deb'));
      if (!deb) throw new Error(`apt-get download ${PACKAGE} produced no .deb in ${dataDir}`);
    }
    const x = join(dataDir, 'deb');
    rmSync(x, { recursive: true, force: true });
    execFileSync('dpkg-deb', ['-x', join(dataDir, deb), x]);
    const rdb = readFileSync(join(x, 'usr/lib/R/site-library/janeaustenr/data/Rdata.rdb'));
    const books = readAustenRdb(rdb).map((b) => ({
      slug: slugify(b.title),
      title: b.title,
      text: unwrapParagraphs(b.lines),
    }));
    if (books.length !== 6) throw new Error(`expected 6 novels in Rdata.rdb, found ${books.length}`);
    for (const b of books) writeFileSync(join(dir, `${b.slug}.txt`), b.text);
    const manifest = books.map((b) => ({
      slug: b.slug,
      title: b.title,
      chars: b.text.length,
      sha256: createHash('sha256').update(b.text).digest('hex'),
    }));
    writeFileSync(manifestPath, `${JSON.stringify({ source: `${deb} (Debian, MIT)`, books: manifest }, null, 2)}\n`);
    rmSync(x, { recursive: true, force: true });
    log(`wrote ${books.length} novels to ${dir}`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { books: { slug: string; title: string }[] };
  const books = manifest.books.map((b) => ({ ...b, text: readFileSync(join(dir, `${b.slug}.txt`), 'utf8') }));
  return [...books.filter((b) => b.slug !== HELDOUT_SLUG), ...books.filter((b) => b.slug === HELDOUT_SLUG)];
}

export function corpusSha256(books: readonly Book[]): string {
  const h = createHash('sha256');
  for (const b of books) h.update(`${b.slug}\n${b.text}\n`);
  return h.digest('hex');
}
