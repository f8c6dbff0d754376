import { type ReactNode, useId } from 'react';

export interface NumberFieldProps {
  label: string;
  hint: ReactNode;
  /** The text shown: what the user typed (even when it is not valid yet), else the value. */
  text: string;
  min: number;
  max?: number;
  step: number;
  /** The slider's end when the field itself has no maximum (top-k, for instance). */
  sliderMax?: number;
  /** Shown under the field, and the field marked invalid. */
  error?: string;
  placeholder?: string;
  /** Whether a slider goes with the number (not for seeds). */
  slider?: boolean;
  onText(text: string): void;
}

/**
 * A number as a slider and a text field that accepts every intermediate state while typing: what the user types
 * is never rewritten; a value that is not valid is shown with the reason, on the field, and blocks Run.
 */
export function NumberField(p: NumberFieldProps) {
  const id = useId();
  const value = Number(p.text);
  const sliderValue = p.text.trim() !== '' && Number.isFinite(value) ? value : p.min;
  return (
    <div className="field">
      <label htmlFor={`${id}-n`} id={`${id}-l`}>
        {p.label}
      </label>
      <div className="number-row">
        {p.slider !== false && (
          <input
            type="range"
            aria-labelledby={`${id}-l`}
            min={p.min}
            max={p.max ?? p.sliderMax}
            step={p.step}
            value={Math.min(sliderValue, p.max ?? p.sliderMax ?? sliderValue)}
            onChange={(e) => p.onText(e.target.value)}
          />
        )}
        <input
          id={`${id}-n`}
          type="text"
          inputMode="decimal"
          role="spinbutton"
          aria-valuemin={p.min}
          aria-valuemax={p.max}
          aria-valuenow={Number.isFinite(value) ? value : undefined}
          aria-invalid={p.error ? true : undefined}
          aria-describedby={p.error ? `${id}-e` : `${id}-h`}
          placeholder={p.placeholder}
          value={p.text}
          onChange={(e) => p.onText(e.target.value)}
          className={p.slider !== false ? 'number-input' : undefined}
        />
      </div>
      {p.error ? (
        <p className="field-error" id={`${id}-e`} role="alert">
          {p.error}
        </p>
      ) : (
        <p className="hint" id={`${id}-h`}>
          {p.hint}
        </p>
      )}
    </div>
  );
}
