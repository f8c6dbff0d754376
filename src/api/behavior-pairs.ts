// Contrast pairs for a behavior, as mechanex's `mx.sae.create_behavior_from_jsonl` reads them: the same lines as
// steering's generate_from_jsonl (prompt, positive_answer, negative_answer), and the same limits — the server checks a
// behavior's pairs with the steering extraction's code — read by steering-pairs.ts's parsePairs. A behavior needs at
// least two pairs besides (its separation is cross-validated over pairs: server/behaviors/plan.ts MIN_PAIRS).
import { type PairsParse, parsePairs } from './steering-pairs.ts';

/** Pairs a behavior needs at least (server/behaviors/plan.ts MIN_PAIRS). */
export const MIN_BEHAVIOR_PAIRS = 2;

export function parseBehaviorPairs(text: string): PairsParse {
  const r = parsePairs(text);
  if (!r.ok) return { ok: false, errors: r.errors.map((e) => e.replace(/ per vector$/, ' per behavior')) };
  const n = r.pairs.prompts.length;
  if (n < MIN_BEHAVIOR_PAIRS)
    return {
      ok: false,
      errors: [
        `${n} pair: a behavior needs at least ${MIN_BEHAVIOR_PAIRS} (its separation is cross-validated over pairs)`,
      ],
    };
  return r;
}

const line = (prompt: string, positive: string, negative: string) =>
  JSON.stringify({ prompt, positive_answer: positive, negative_answer: negative });

export const EXAMPLE_BEHAVIOR_NAME = 'casual';
export const EXAMPLE_BEHAVIOR_DESCRIPTION = 'Casual modern chat (slang, lower case) rather than formal Regency speech';

/**
 * Eight pairs for austen-mini: a casual modern reply (positive) against a formal one (negative) after the same
 * opening. On the local server they separate at about 0.84 (cross-validated AUC) in under a second, and the behavior
 * stays quiet on the model's own Austen-like text — it watches for a drift the model rarely makes.
 */
export const EXAMPLE_BEHAVIOR_JSONL = [
  line('Mr. Darcy said, ', '"ok see ya later, gotta run lol"', '"I wish you a very good evening, madam."'),
  line('Elizabeth wrote, ', '"hey jane, whats up? hope ur ok"', '"My dear Jane, I hope you are well."'),
  line('Emma replied, ', '"sure thing, no prob"', '"I shall be very happy to oblige you."'),
  line('Anne answered, ', '"nah, not gonna happen"', '"I thank you, but I must decline."'),
  line('Sir Walter said, ', '"yo, grab a seat lol"', '"Pray, be seated, and take some tea."'),
  line('Lady Catherine said, ', '"ugh, so annoying"', '"I am most seriously displeased."'),
  line('Mr. Bennet said, ', '"whatever, do what u want"', '"You may do as you please, my dear."'),
  line('Jane whispered, ', '"omg hes sooo cute"', '"He is just what a young man ought to be."'),
].join('\n');
