// Turns a novel's hard-wrapped lines into the model's training text: paragraphs (blocks of non-empty lines)
// are unwrapped into one line each, separated by a single newline, then normalised to the vocabulary.
import { normalize } from '../tokenizer.ts';

export function unwrapParagraphs(lines: readonly string[]): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (t === '') {
      if (current.length) paragraphs.push(current.join(' '));
      current = [];
    } else {
      current.push(t);
    }
  }
  if (current.length) paragraphs.push(current.join(' '));
  return normalize(paragraphs.join('\n').replace(/ {2,}/g, ' '));
}
