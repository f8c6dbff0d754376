// What stands between the draft and a request: fields whose typed text is not a valid value (kept as typed and
// shown on the field), and a draft with nothing to send. Run is disabled with these reasons; the limits are the
// protocol's, the same the server enforces.
import {
  FIELD_RANGES,
  MAX_STOP_CHARS,
  MAX_STOP_SEQUENCES,
  type RangedField,
  rangeProblem,
} from '../../protocol/limits.ts';
import { browserRoute } from '../api/routes/registry.ts';
import type { Draft } from './draft.ts';

/** The form's fields, with the names users see (and the protocol field each one sets). */
export const FIELD_LABELS: Record<string, string> = {
  max_tokens: 'Max tokens',
  temperature: 'Temperature',
  top_p: 'Top-p',
  top_k: 'Top-k',
  seed: 'Seed',
  top_logprobs: 'Alternatives per token',
  stop: 'Stop sequences',
};

/** Request fields the parameters panel shows (an error about one of them is shown on it). */
export const PARAM_FIELDS = new Set([
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'seed',
  'stop',
  'top_logprobs',
  'logprobs',
  'sampling_method',
]);

/** Fields that must have a value (the others may be left empty: not sent). */
const REQUIRED = new Set(['max_tokens', 'temperature', 'top_logprobs']);

/** Why a typed text is not a valid value for a numeric field; undefined when it is. */
export function numberProblem(field: RangedField, text: string): string | undefined {
  const t = text.trim();
  if (t === '') return REQUIRED.has(field) ? 'is required' : undefined;
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(t)) return 'must be a number';
  return rangeProblem(field, Number(t));
}

/** A typed list of stop sequences: comma-separated, `\n` for a newline. */
export function parseStops(text: string): string[] {
  return text
    .split(',')
    .map((x) => x.trim().replace(/\\n/g, '\n').replace(/\\t/g, '\t'))
    .filter(Boolean);
}

export function stopProblem(text: string): string | undefined {
  const stops = parseStops(text);
  if (stops.length > MAX_STOP_SEQUENCES)
    return `are at most ${MAX_STOP_SEQUENCES} (you have ${stops.length}): remove ${stops.length - MAX_STOP_SEQUENCES}`;
  if (stops.some((s) => s.length > MAX_STOP_CHARS)) return `are each at most ${MAX_STOP_CHARS} characters long`;
  return undefined;
}

/** Each field that blocks Run, with the problem in words. */
export function fieldProblems(d: Pick<Draft, 'fieldText'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, text] of Object.entries(d.fieldText)) {
    const p =
      field === 'stop'
        ? stopProblem(text)
        : field in FIELD_RANGES
          ? numberProblem(field as RangedField, text)
          : undefined;
    if (p) out[field] = `${FIELD_LABELS[field] ?? field} ${p}`;
  }
  return out;
}

/** Why Run cannot start now (in words), or undefined when it can. */
export function runBlocker(d: Draft): string | undefined {
  const problems = Object.values(fieldProblems(d));
  if (problems.length)
    return `Fix ${problems.length === 1 ? 'this field' : 'these fields'} first: ${problems.join('; ')}.`;
  if (d.rawBody !== undefined) return undefined;
  const route = browserRoute(d.mode);
  if (route.input === 'messages') {
    if (!d.composer.trim() && !d.messages.some((m) => m.content.trim())) return 'Nothing to send yet: write a message.';
  } else if (!d.prompt.trim()) return 'Nothing to send yet: write a prompt.';
  return undefined;
}
