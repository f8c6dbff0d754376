// One more vector of a mix: its own "Steering vector" picker and "Strength" slider, and Remove.
import { useId } from 'react';
import type { SteeringPart } from '../../api/steering.ts';
import type { SteeringVectorItem } from '../../api/steering-client.ts';
import { StrengthControl } from './strength-control.tsx';
import { VectorPicker } from './vector-picker.tsx';

export interface MixRowProps {
  n: number;
  part: SteeringPart;
  vectors: readonly SteeringVectorItem[];
  onChange(p: SteeringPart): void;
  onRemove(): void;
}

export function MixRow({ n, part, vectors, onChange, onRemove }: MixRowProps) {
  const id = useId();
  const item = vectors.find((v) => v.id === part.vectorId);
  return (
    <fieldset className="mix-row" aria-labelledby={id}>
      <legend id={id}>Vector {n}</legend>
      <VectorPicker
        value={part.vectorId}
        vectors={vectors}
        recent={[]}
        hint={item?.evidence?.measure ? `Measure: ${item.evidence.measure}` : 'Mixed with the others.'}
        onChange={(vectorId) => onChange({ ...part, vectorId })}
      />
      <StrengthControl
        value={part.strength}
        hooks={item?.layers.map((l) => l.hook) ?? []}
        disabled={!part.vectorId}
        onChange={(strength) => onChange({ ...part, strength })}
      />
      <button type="button" onClick={onRemove}>
        Remove vector {n}
      </button>
    </fieldset>
  );
}
