// The "Steering vector" picker: a list of the target's vectors (built-ins, then the user's) where the list can be
// read; a free-text id with the ones used in comparisons as suggestions where it cannot (the hosted list is behind a login
// the local key cannot reach).
import { useId } from 'react';
import type { SteeringVectorItem } from '../../api/steering-client.ts';

const nameOf = (v: SteeringVectorItem) => v.label ?? v.name ?? v.id;

export interface VectorPickerProps {
  value: string;
  /** The vectors to choose from; undefined: free text. */
  vectors?: readonly SteeringVectorItem[];
  recent: readonly string[];
  hint: string;
  onChange(id: string): void;
}

export function VectorPicker(p: VectorPickerProps) {
  const id = useId();
  if (!p.vectors) {
    return (
      <div className="field">
        <label htmlFor={id}>Steering vector</label>
        <input
          id={id}
          type="text"
          list={`${id}-recent`}
          placeholder="sv_… (a vector id)"
          spellCheck={false}
          autoComplete="off"
          value={p.value}
          maxLength={200}
          aria-describedby={`${id}-h`}
          onChange={(e) => p.onChange(e.target.value)}
        />
        <datalist id={`${id}-recent`}>
          {p.recent.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <p className="hint" id={`${id}-h`}>
          {p.hint}
        </p>
      </div>
    );
  }
  const builtIns = p.vectors.filter((v) => v.built_in);
  const own = p.vectors.filter((v) => !v.built_in);
  const known = p.vectors.some((v) => v.id === p.value);
  return (
    <div className="field">
      <label htmlFor={id}>Steering vector</label>
      <select id={id} value={p.value} aria-describedby={`${id}-h`} onChange={(e) => p.onChange(e.target.value)}>
        <option value="">None</option>
        {!known && p.value && <option value={p.value}>{p.value} (not on this server)</option>}
        {builtIns.length > 0 && (
          <optgroup label="Built-in">
            {builtIns.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name ?? v.id}
              </option>
            ))}
          </optgroup>
        )}
        {own.length > 0 && (
          <optgroup label="Yours">
            {own.map((v) => (
              <option key={v.id} value={v.id}>
                {nameOf(v)}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <p className="hint" id={`${id}-h`}>
        {p.hint}
      </p>
    </div>
  );
}
