// The behavioural measure of each built-in vector, computed on generated text only (the prompt sets the starting
// state where one matters: whether generation begins inside a quotation).

/** Whether `prompt` ends inside a quotation (quotes toggle; every paragraph starts outside). */
export function endsInsideQuote(prompt: string): boolean {
  const para = prompt.slice(prompt.lastIndexOf('\n') + 1);
  return ((para.match(/"/g) ?? []).length & 1) === 1;
}

/** Fraction of generated characters inside quotation marks (the quote marks and newlines count as outside). */
export function insideQuotesFraction(prompt: string, generated: string): number {
  if (generated.length === 0) return 0;
  let inside = endsInsideQuote(prompt);
  let n = 0;
  for (const c of generated) {
    if (c === '\n') inside = false;
    else if (c === '"') inside = !inside;
    else if (inside) n++;
  }
  return n / generated.length;
}

const JSON_PUNCT = new Set(['{', '}', '[', ']', '"', ':', ',']);

/** Fraction of generated characters that are JSON punctuation: { } [ ] " : , */
export function jsonPunctuationFraction(_prompt: string, generated: string): number {
  if (generated.length === 0) return 0;
  let n = 0;
  for (const c of generated) if (JSON_PUNCT.has(c)) n++;
  return n / generated.length;
}

/** Occurrences of `ch` per 1,000 generated characters. */
export function perThousand(ch: string): (prompt: string, generated: string) => number {
  return (_prompt, generated) => {
    if (generated.length === 0) return 0;
    let n = 0;
    for (const c of generated) if (c === ch) n++;
    return (1000 * n) / generated.length;
  };
}

/**
 * The letters measure: epistolary words per 1,000 generated characters — the whole words (any case) `dear`,
 * `dearest`, `yours`, `letter`, `letters`, `write`, `writes`, `writing`, `written`, `wrote`. They are the vocabulary of
 * salutations, signatures and of letters' talk about themselves ("I take up my pen to write…").
 */
export const LETTER_WORDS = /\b(?:dear|dearest|yours|letters?|write|writes|writing|written|wrote)\b/gi;

export function letterWordsPerThousand(_prompt: string, generated: string): number {
  if (generated.length === 0) return 0;
  return (1000 * (generated.match(LETTER_WORDS) ?? []).length) / generated.length;
}

export type Measure = (prompt: string, generated: string) => number;
