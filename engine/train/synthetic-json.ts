// Synthetic JSON lines built from the training novels, mixed into training so that JSON syntax is not alien to
// the model (guided generation needs it). Names and places are the corpus's proper nouns (capitalised words
// that never occur in lower case); numbers, booleans, nulls, arrays and nesting are drawn at random.
import type { Rng } from '../rng.ts';

export interface Lexicon {
  readonly properNouns: readonly string[];
  readonly words: readonly string[];
}

export function buildLexicon(texts: readonly string[]): Lexicon {
  const counts = new Map<string, number>();
  const lower = new Set<string>();
  for (const t of texts) {
    for (const m of t.matchAll(/[A-Za-z]+/g)) {
      const w = m[0];
      if (/^[a-z]/.test(w)) lower.add(w);
      else if (/^[A-Z][a-z]{2,}$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const properNouns = [...counts]
    .filter(([w, n]) => n >= 8 && !lower.has(w.toLowerCase()))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w)
    .slice(0, 400);
  const words = [...lower].filter((w) => w.length >= 3 && w.length <= 10).sort();
  return { properNouns, words };
}

const KEYS = [
  'name',
  'home',
  'age',
  'income',
  'married',
  'sisters',
  'friends',
  'note',
  'chapter',
  'visits',
  'distance',
  'rating',
  'letter',
  'guest',
  'estate',
  'id',
];

export function jsonLine(rng: Rng, lex: Lexicon): string {
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)] as T;
  const name = () => pick(lex.properNouns);
  const phrase = () => Array.from({ length: 2 + rng.int(5) }, () => pick(lex.words)).join(' ');
  const value = (key: string, depth: number): unknown => {
    switch (key) {
      case 'name':
      case 'guest':
        return rng.next() < 0.5 ? name() : `${name()} ${name()}`;
      case 'home':
      case 'estate':
        return name();
      case 'age':
        return 14 + rng.int(60);
      case 'income':
        return (1 + rng.int(40)) * 250;
      case 'married':
        return rng.next() < 0.5;
      case 'sisters':
      case 'friends':
        return Array.from({ length: rng.int(4) }, name);
      case 'note':
        return rng.next() < 0.15 ? null : phrase();
      case 'chapter':
      case 'visits':
      case 'id':
        return rng.int(60);
      case 'distance':
        return Math.round(rng.next() * 400) / 10;
      case 'rating':
        return Math.round(rng.next() * 100) / 100;
      case 'letter':
        return depth > 0 ? phrase() : { from: name(), to: name(), words: 50 + rng.int(900), sealed: rng.next() < 0.5 };
      default:
        return null;
    }
  };
  const obj = (depth: number): Record<string, unknown> => {
    const n = 2 + rng.int(4);
    const keys = [...KEYS].sort(() => rng.next() - 0.5).slice(0, n);
    return Object.fromEntries(keys.map((k) => [k, value(k, depth)]));
  };
  const doc = rng.next() < 0.15 ? Array.from({ length: 1 + rng.int(3) }, () => obj(1)) : obj(0);
  const compact = JSON.stringify(doc);
  // mostly the "spaced" style (", " and ": "), sometimes compact, occasionally pretty-printed
  const r = rng.next();
  if (r < 0.25) return compact;
  if (r < 0.9) return spaced(doc);
  return JSON.stringify(doc, null, 2);
}

function spaced(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(spaced).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${spaced(x)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(v);
}

/** A stream of JSON lines of about `chars` characters. */
export function jsonStream(rng: Rng, lex: Lexicon, chars: number): string {
  const parts: string[] = [];
  let n = 0;
  while (n < chars) {
    const line = jsonLine(rng, lex);
    parts.push(line);
    n += line.length + 1;
  }
  return `${parts.join('\n')}\n`;
}
