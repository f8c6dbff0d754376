// Programmatically labelled contrast sets for the built-in steering vectors (pure: texts in, examples out).
//
// An example is a piece of text that ends at or before its labelling character (the `"`, `!`, `?`, closing
// bracket … that decides its label) and the span of positions whose residuals are averaged. The labelling character
// is never fed, and attention is causal, so no averaged position can read it: a vector must capture the state that
// leads to it, not the character itself. Each example carries up to WINDOW characters of the text before it as
// context, so the residuals are those of ordinary running text.
import { Rng } from '../../rng.ts';

/** Characters fed per example (the span and the context before it). */
export const WINDOW = 192;
/** The most positions averaged per example. */
export const MAX_SPAN = 96;

export interface ContrastExample {
  /** What is fed to the model; it ends at or before the labelling character, which is never part of it. */
  readonly text: string;
  /** The averaged positions are from..text.length-1. */
  readonly from: number;
  /** `<source>:<offset of the labelling character>`, for cards and debugging. */
  readonly source: string;
}

export interface ContrastSets {
  readonly pos: ContrastExample[];
  readonly neg: ContrastExample[];
}

export interface SourceText {
  /** e.g. a book slug. */
  readonly name: string;
  readonly text: string;
}

/** The example averaging text[start, end) (end ≤ the labelling character at `labelAt`), with context before it. */
export function spanExample(src: SourceText, start: number, end: number, labelAt: number): ContrastExample {
  if (!(start < end && end <= labelAt)) throw new Error(`bad span [${start}, ${end}) before ${labelAt}`);
  if (end - start > MAX_SPAN) throw new Error(`span of ${end - start} > ${MAX_SPAN}`);
  const w = Math.max(0, end - WINDOW);
  return { text: src.text.slice(w, end), from: start - w, source: `${src.name}:${labelAt}` };
}

interface Paragraph {
  readonly start: number;
  readonly end: number; // index of its newline (or the text's end)
}

export function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let s = 0;
  for (;;) {
    const e = text.indexOf('\n', s);
    const end = e < 0 ? text.length : e;
    if (end > s) out.push({ start: s, end });
    if (e < 0) return out;
    s = e + 1;
  }
}

/** A run of a paragraph inside or outside quotation marks, and the character that ends it. */
export interface QuoteSegment {
  readonly inside: boolean;
  /** First character of the run (after the opening quote, or the paragraph start / a closing quote). */
  readonly start: number;
  /** Index of the character that ends it: a `"` or the paragraph's end. */
  readonly end: number;
}

/** Splits each paragraph at its straight double quotes; the quote state starts outside at every paragraph. */
export function quoteSegments(text: string): QuoteSegment[] {
  const out: QuoteSegment[] = [];
  for (const p of paragraphs(text)) {
    let inside = false;
    let start = p.start;
    for (let i = p.start; i < p.end; i++) {
      if (text[i] !== '"') continue;
      if (i > start) out.push({ inside, start, end: i });
      inside = !inside;
      start = i + 1;
    }
    if (p.end > start) out.push({ inside, start, end: p.end });
  }
  return out;
}

/**
 * Quoted speech vs narration: a run inside quotation marks vs a run outside them, positions from the run's first
 * character (after its opening `"`, or after a closing `"` / the paragraph start) for at most MAX_SPAN, strictly
 * before the `"` (or paragraph end) that ends it. No quote mark is ever an averaged position.
 */
export function dialogueSets(srcs: readonly SourceText[], minChars = 16): ContrastSets {
  const pos: ContrastExample[] = [];
  const neg: ContrastExample[] = [];
  for (const src of srcs) {
    for (const seg of quoteSegments(src.text)) {
      if (seg.end - seg.start < minChars) continue;
      if (!/[a-z]/.test(src.text.slice(seg.start, seg.end))) continue; // headings, dates
      const end = Math.min(seg.end, seg.start + MAX_SPAN);
      (seg.inside ? pos : neg).push(spanExample(src, seg.start, end, seg.end));
    }
  }
  return { pos, neg };
}

const ABBREVIATION = /(?:^|[^A-Za-z])(?:Mr|Mrs|Dr|St|Esq|Col|Capt|[A-Z])$/;

export interface Sentence {
  readonly start: number;
  /** Index of the terminator (`.`, `!` or `?`). */
  readonly end: number;
  readonly terminator: string;
}

/** The sentences of quoted speech: runs inside quotes split at `.`, `!`, `?` (not after Mr, Mrs, initials…). */
export function spokenSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const seg of quoteSegments(text)) {
    if (!seg.inside) continue;
    let start = seg.start;
    for (let i = seg.start; i < seg.end; i++) {
      const c = text[i] as string;
      if (c !== '.' && c !== '!' && c !== '?') continue;
      if (c === '.' && ABBREVIATION.test(text.slice(Math.max(seg.start, i - 5), i))) continue;
      out.push({ start, end: i, terminator: c });
      start = i + 1;
      while (start < seg.end && /[\s\-.!?]/.test(text[start] as string)) start++;
      i = start - 1;
    }
  }
  return out;
}

/**
 * Spoken sentences ending with `terminator` (`!` or `?`) vs calm spoken declaratives ending with `.` — both inside
 * quotation marks, so the difference is the sentence's mood, not dialogue vs narration. Positions: the last
 * MAX_SPAN characters of the sentence strictly before its terminator.
 */
export function terminatorSets(
  srcs: readonly SourceText[],
  terminator: '!' | '?',
  span = MAX_SPAN,
  minChars = 12,
): ContrastSets {
  const pos: ContrastExample[] = [];
  const neg: ContrastExample[] = [];
  for (const src of srcs) {
    for (const s of spokenSentences(src.text)) {
      if (s.end - s.start < minChars || !/[a-z]/.test(src.text.slice(s.start, s.end))) continue;
      const ex = () => spanExample(src, Math.max(s.start, s.end - span), s.end, s.end);
      if (s.terminator === terminator) pos.push(ex());
      else if (s.terminator === '.') neg.push(ex());
    }
  }
  return { pos, neg };
}

/**
 * JSON documents (one per line, or pretty-printed over several) vs prose paragraphs. Positions: from the character
 * after the document's opening bracket (after the paragraph's first character for prose), at most MAX_SPAN, strictly
 * before the closing bracket (the paragraph's last character).
 */
export function jsonSets(json: SourceText, prose: readonly SourceText[], minChars = 24): ContrastSets {
  const pos: ContrastExample[] = [];
  const neg: ContrastExample[] = [];
  const t = json.text;
  let i = 0;
  while (i < t.length) {
    const open = t[i];
    if (open !== '{' && open !== '[') {
      i++;
      continue;
    }
    const close = matchingBracket(t, i);
    if (close < 0) break;
    if (close - (i + 1) >= minChars) pos.push(spanExample(json, i + 1, Math.min(close, i + 1 + MAX_SPAN), close));
    i = close + 1;
  }
  for (const src of prose) {
    for (const p of paragraphs(src.text)) {
      const last = p.end - 1;
      if (last - (p.start + 1) < minChars || !/[a-z]/.test(src.text.slice(p.start, p.end))) continue;
      neg.push(spanExample(src, p.start + 1, Math.min(last, p.start + 1 + MAX_SPAN), last));
    }
  }
  return { pos, neg };
}

function matchingBracket(t: string, at: number): number {
  let depth = 0;
  let str = false;
  for (let i = at; i < t.length; i++) {
    const c = t[i];
    if (str) {
      if (c === '\\') i++;
      else if (c === '"') str = false;
    } else if (c === '"') str = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** A salutation opening a letter: `"My dear Anne,--`, `"DEAR SIR,` at the end of its line, `"Dear Smith,--…`. */
export const SALUTATION = /^"(?:My |MY )?(?:dear|Dear|DEAR|dearest|Dearest|DEAREST) [^,"\n]{1,40},(?:--|$)/;
/** A signature formula closing a letter. */
export const SIGNATURE =
  /(?:Yours|YOURS|Your affectionate|Your obedient|your affectionate|yours (?:truly|sincerely|affectionately|ever))\b/;

export interface Letter {
  /** First character of the body (after the salutation). */
  readonly bodyStart: number;
  /** End of the body (before the signature formula, or the closing paragraph's end). */
  readonly bodyEnd: number;
  /** The whole block: the salutation paragraph through its last paragraph. */
  readonly start: number;
  readonly end: number;
}

/**
 * Letters: a paragraph opening with a salutation (SALUTATION), continued by the following paragraphs that open with
 * `"` while the previous one left its quotation open (Austen's convention for a quotation over several paragraphs),
 * up to the paragraph that closes it. The body excludes the salutation, everything from the first signature formula
 * (SIGNATURE) on, and a last paragraph of under 40 characters (a bare signature such as `"Mary M---.`).
 */
export function letters(text: string): Letter[] {
  const ps = paragraphs(text);
  const out: Letter[] = [];
  const quotes = (p: Paragraph) => (text.slice(p.start, p.end).match(/"/g) ?? []).length;
  for (let i = 0; i < ps.length; i++) {
    const first = ps[i] as Paragraph;
    const m = SALUTATION.exec(text.slice(first.start, first.end));
    if (!m) continue;
    let j = i;
    while (quotes(ps[j] as Paragraph) % 2 === 1 && j + 1 < ps.length && text[(ps[j + 1] as Paragraph).start] === '"')
      j++;
    const lastP = ps[j] as Paragraph;
    let bodyEnd = lastP.end;
    if (j > i && lastP.end - lastP.start < 40) bodyEnd = (ps[j - 1] as Paragraph).end;
    const bodyStart = first.start + m[0].length;
    const sig = SIGNATURE.exec(text.slice(bodyStart, bodyEnd));
    if (sig) bodyEnd = bodyStart + sig.index;
    if (bodyEnd > bodyStart) out.push({ bodyStart, bodyEnd, start: first.start, end: lastP.end });
    i = j;
  }
  return out;
}

/**
 * Letter bodies vs the novels' other paragraphs (narration and conversation alike), as consecutive chunks of
 * `chunk` characters. A letter's labelling text is its salutation and signature, which no averaged position includes.
 */
export function letterSets(srcs: readonly SourceText[], chunk = 64): ContrastSets {
  const pos: ContrastExample[] = [];
  const neg: ContrastExample[] = [];
  for (const src of srcs) {
    const ls = letters(src.text);
    for (const l of ls) {
      for (let s = l.bodyStart; s + chunk <= l.bodyEnd; s += chunk) pos.push(spanExample(src, s, s + chunk, s + chunk));
    }
    let k = 0;
    for (const p of paragraphs(src.text)) {
      while (k < ls.length && (ls[k] as Letter).end < p.start) k++;
      const l = ls[k];
      if (l && p.start >= l.start && p.start <= l.end) continue;
      for (let s = p.start; s + chunk <= p.end; s += chunk) neg.push(spanExample(src, s, s + chunk, s + chunk));
    }
  }
  return { pos, neg };
}

/** Up to `n` of `xs` chosen without replacement by a seeded shuffle (the order is the shuffle's). */
export function sample<T>(xs: readonly T[], n: number, seed: number): T[] {
  const a = [...xs];
  const rng = new Rng(seed);
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a.slice(0, Math.min(n, a.length));
}
