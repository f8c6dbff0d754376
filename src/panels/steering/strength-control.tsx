// The "Strength" slider (−4…4 in 0.1 steps, arrows move it) with its "Strength value" number field: what is typed is
// kept as typed and committed when it is a number the API takes; 0 is "off" (the request carries no steering).
import { useEffect, useId, useState } from 'react';
import { MAX_STEERING_STRENGTH } from '../../../protocol/steering-fields.ts';
import { STRENGTH_MAX, STRENGTH_MIN, STRENGTH_STEP } from '../../api/steering.ts';

const round = (x: number) => Math.round(x * 100) / 100 + 0; // + 0: never -0
const show = (x: number) => String(round(x));

export interface StrengthControlProps {
  value: number;
  /** The hooks the vector adds at (shown beside the value). */
  hooks: readonly string[];
  disabled?: boolean;
  onChange(v: number): void;
}

/** A plain decimal with at most two places (what is sent is exactly what is shown). */
const DECIMAL = /^\s*-?(\d+\.?\d{0,2}|\.\d{1,2})\s*$/;

function problemOf(text: string): string | undefined {
  if (text.trim() === '') return 'Give a number (0 is off)';
  const n = Number(text);
  if (!Number.isFinite(n)) return 'Not a number';
  if (!DECIMAL.test(text)) return 'A plain number with at most two decimals, like 1.25';
  if (Math.abs(n) > MAX_STEERING_STRENGTH)
    return `Between −${MAX_STEERING_STRENGTH} and ${MAX_STEERING_STRENGTH} (the API refuses more)`;
  return undefined;
}

export function StrengthControl(p: StrengthControlProps) {
  const id = useId();
  const [text, setText] = useState(show(p.value));
  // the slider (or a new vector) moved the value: the field follows unless it already says that number
  useEffect(() => setText((t) => (Number(t) === p.value && t.trim() !== '' ? t : show(p.value))), [p.value]);
  const problem = problemOf(text);
  const off = p.value === 0;
  const onText = (t: string) => {
    setText(t);
    if (!problemOf(t)) p.onChange(round(Number(t)));
  };
  return (
    <div className="field strength">
      <label htmlFor={`${id}-r`}>Strength</label>
      <div className="number-row">
        <input
          id={`${id}-r`}
          type="range"
          min={STRENGTH_MIN}
          max={STRENGTH_MAX}
          step={STRENGTH_STEP}
          value={Math.max(STRENGTH_MIN, Math.min(STRENGTH_MAX, p.value))}
          disabled={p.disabled}
          aria-valuetext={off ? '0 (off)' : show(p.value)}
          onChange={(e) => onText(show(Number(e.target.value)))}
          list={`${id}-ticks`}
        />
        <datalist id={`${id}-ticks`}>
          <option value="0" />
        </datalist>
        <label className="sr-only" htmlFor={`${id}-n`}>
          Strength value
        </label>
        <input
          id={`${id}-n`}
          className="number-input"
          type="text"
          inputMode="decimal"
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-h`}
          value={text}
          disabled={p.disabled}
          onChange={(e) => onText(e.target.value)}
        />
      </div>
      <p className={problem ? 'field-error' : 'hint'} id={`${id}-h`} aria-live="polite">
        {problem ??
          (off ? (
            <>
              <strong className="steer-off">Off</strong> — 0 sends no steering.
            </>
          ) : (
            <>
              Adds {show(p.value)} × the vector{p.hooks.length ? ` at ${p.hooks.join(', ')}` : ''}. Text stays readable
              to about ±0.5; past ±1–2 it breaks down.
            </>
          ))}
      </p>
    </div>
  );
}
