// One behavior in the Behaviors group: a toggle button named after it (pressed = in the next run), and while it is
// on, its mode — "Monitor" (scored, corrected on drift) or "Forced" (its vector applied from the start).
import type { BehaviorMode } from '../../api/behaviors.ts';

export interface BehaviorChipProps {
  readonly name: string;
  /** Its mode when picked; undefined when not. */
  readonly mode?: BehaviorMode;
  /** Not in this server's list (typed by hand, or gone). */
  readonly unknown?: boolean;
  onToggle(): void;
  onMode(m: BehaviorMode): void;
}

export function BehaviorChip({ name, mode, unknown, onToggle, onMode }: BehaviorChipProps) {
  return (
    <li className={`behavior-chip${mode ? ' on' : ''}`}>
      <button
        type="button"
        className="chip"
        aria-pressed={mode !== undefined}
        title={unknown ? 'Not in this server’s list: sent by name' : undefined}
        onClick={onToggle}
      >
        {name}
      </button>
      {mode && (
        // biome-ignore lint/a11y/useSemanticElements: two toggle buttons, one pressed: a fieldset would add a legend
        <span className="chip-mode" role="group" aria-label={`${name} mode`}>
          <button type="button" aria-pressed={mode === 'monitor'} onClick={() => onMode('monitor')}>
            Monitor
          </button>
          <button type="button" aria-pressed={mode === 'forced'} onClick={() => onMode('forced')}>
            Forced
          </button>
        </span>
      )}
    </li>
  );
}
