// Extracts the Austen corpus into data/austen/ and refreshes the committed held-out slice of Persuasion.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCorpus, HELDOUT_SLUG } from '../engine/train/corpus.ts';
import { HELDOUT_CHARS, heldoutPath } from '../engine/train/heldout.ts';

const root = join(import.meta.dirname, '..');
const books = ensureCorpus(root, (s) => console.error(s));
for (const b of books)
  console.log(
    `${b.slug.padEnd(24)} ${String(b.text.length).padStart(9)} chars${b.slug === HELDOUT_SLUG ? '  (held out)' : ''}`,
  );
const persuasion = books.find((b) => b.slug === HELDOUT_SLUG);
if (!persuasion) throw new Error('Persuasion is missing from the corpus');
writeFileSync(heldoutPath(root), persuasion.text.slice(0, HELDOUT_CHARS));
