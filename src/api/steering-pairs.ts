// Contrast pairs as mechanex's `mx.steering.generate_from_jsonl` reads them: one JSON object per line with `prompt`,
// `positive_answer` and `negative_answer` (blank lines skipped; other keys ignored), turned into the lists of
// POST /steering/generate. Each problem names its line; the server's limits are checked before anything is sent.
import { MAX_STEERING_CHARS, MAX_STEERING_PAIRS } from '../../protocol/steering.ts';

export interface ContrastPairs {
  readonly prompts: string[];
  readonly positive_answers: string[];
  readonly negative_answers: string[];
}

export type PairsParse =
  /** `lines[i]`: the 1-based line of pair i (so a server error naming `positive_answers[i]` can point at it). */
  | { readonly ok: true; readonly pairs: ContrastPairs; readonly lines: number[] }
  | { readonly ok: false; readonly errors: string[] };

const KEYS = ['prompt', 'positive_answer', 'negative_answer'] as const;

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);
/** Characters as the server counts them: a prompt (at least one) with each of its two answers. */
const charsOf = (s: string) => [...s].length;

/** The problems of one line's value, in words (empty when it is a good pair). */
function problemsOf(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return [`not a JSON object (it is ${kindOf(raw)})`];
  const o = raw as Record<string, unknown>;
  return KEYS.flatMap((k) => {
    if (!(k in o)) return [`${k} is missing`];
    const v = o[k];
    if (typeof v !== 'string') return [`${k} must be a string, not ${kindOf(v)}`];
    if (k !== 'prompt' && v === '') return [`${k} is empty: an answer needs at least one character`];
    return [];
  });
}

export function parsePairs(text: string): PairsParse {
  const errors: string[] = [];
  const pairs: ContrastPairs = { prompts: [], positive_answers: [], negative_answers: [] };
  const lines: number[] = [];
  let chars = 0;
  for (const [i, line] of text.split(/\r\n|\r|\n/).entries()) {
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      errors.push(`line ${i + 1}: not JSON (${(e as Error).message})`);
      continue;
    }
    const problems = problemsOf(raw);
    if (problems.length) {
      errors.push(...problems.map((p) => `line ${i + 1}: ${p}`));
      continue;
    }
    const o = raw as Record<(typeof KEYS)[number], string>;
    pairs.prompts.push(o.prompt);
    pairs.positive_answers.push(o.positive_answer);
    pairs.negative_answers.push(o.negative_answer);
    lines.push(i + 1);
    chars += 2 * Math.max(1, charsOf(o.prompt)) + charsOf(o.positive_answer) + charsOf(o.negative_answer);
  }
  const n = pairs.prompts.length + errors.length;
  if (n === 0)
    return {
      ok: false,
      errors: ['No pairs yet: one JSON object per line, with prompt, positive_answer and negative_answer'],
    };
  if (pairs.prompts.length > MAX_STEERING_PAIRS)
    errors.push(`${pairs.prompts.length} pairs: at most ${MAX_STEERING_PAIRS} per vector`);
  if (chars > MAX_STEERING_CHARS)
    errors.push(
      `The pairs hold ${chars.toLocaleString('en')} characters (each prompt counted with both answers): at most ${MAX_STEERING_CHARS.toLocaleString('en')} per vector`,
    );
  return errors.length ? { ok: false, errors } : { ok: true, pairs, lines };
}

const line = (prompt: string, positive: string, negative: string) =>
  JSON.stringify({ prompt, positive_answer: positive, negative_answer: negative });

/** Five pairs for austen-mini: an exclamatory reply (positive) against a calm one (negative) after the same opening. */
export const EXAMPLE_PAIRS_JSONL = [
  line('Mrs. Bennet read the letter. ', '"Oh! What joy! Lydia is married!"', '"Lydia is married, it seems," said she.'),
  line('Emma heard the news. ', '"Good heavens! How shocking!"', '"That is rather surprising," she said.'),
  line('Catherine saw the abbey. ', '"Oh! How delightful it is!"', '"It is a pleasant old house," she said.'),
  line('Mr. Collins bowed low. ', '"My dear cousin! What an honour!"', '"I am obliged to you, cousin," he said.'),
  line('Marianne turned to Elinor. ', '"Oh! Elinor, he is gone!"', '"Elinor, he has left us," she said quietly.'),
].join('\n');
