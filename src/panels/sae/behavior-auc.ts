// A behavior's AUC in words (held-out for a built-in, cross-validated on its own examples for the user's own): the
// number and how much it can be trusted, on the scale the steering dialog words separation with.

/** How strongly an AUC separates: strong from 0.9, moderate from 0.75, weak from 0.6, and below that none. */
export function aucStrength(x: number): string {
  return x >= 0.9 ? 'strong' : x >= 0.75 ? 'moderate' : x >= 0.6 ? 'weak' : 'no better than chance';
}

/** e.g. "0.92 (strong)"; "not measured" when the server has no figure. */
export function aucInWords(x: number | null | undefined): string {
  return x == null ? 'not measured' : `${x.toFixed(2)} (${aucStrength(x)})`;
}

/** What a created behavior's separation means for monitoring with it. */
export function separationAdvice(x: number | null | undefined): string {
  if (x == null) return 'The server did not measure it.';
  if (x >= 0.9) return 'The examples separate clearly: the score should follow the behavior.';
  if (x >= 0.75) return 'The examples separate, with some overlap: expect some misses and false alarms.';
  if (x >= 0.6) return 'A weak separation: more or clearer pairs would help; treat its score as a hint.';
  return 'The examples do not separate: more or clearer pairs are needed before it can monitor anything.';
}
