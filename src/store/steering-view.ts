// The steering comparison the page shows (side by side, or a strength sweep): which runs are its cells, at which
// strengths, on which prompt and seed, and each cell's coherence once it is scored. The runs themselves stream in
// the runs slice; this is only the view's frame around them.
import type { StateCreator } from 'zustand';
import type { MeasureSpec } from '../../protocol/steering-measure.ts';
import type { AppState } from './store.ts';

/** A cell's coherence: the mean log-probability (nats per character) of its text under the unsteered model. */
export type Coherence =
  | { readonly state: 'pending' }
  | { readonly state: 'done'; readonly meanLogprob: number; readonly chars: number }
  | { readonly state: 'unavailable'; readonly why: string };

export interface SteeringCell {
  readonly runId: string;
  /** The fraction of the set-up steering the cell runs at (0: unsteered). */
  readonly factor: number;
  /** "Strength 1.5" (one vector) or "Mix ×0.5" (several). */
  readonly label: string;
  readonly coherence?: Coherence;
}

export interface SteeringView {
  readonly kind: 'side' | 'sweep';
  /** The runs' group (their runs share it). */
  readonly id: string;
  readonly vectorId: string;
  /** The vector's name or label (the vectors', for a mix), for headings. */
  readonly vectorName: string;
  readonly seed: number;
  /** The text every cell continues (what coherence is scored after). */
  readonly context: string;
  /** The vector's own behavioural measure, when it has one (built-ins). */
  readonly measure?: { readonly spec: MeasureSpec; readonly doc: string };
  readonly cells: readonly SteeringCell[];
  /** Why the comparison could not start (no cells then). */
  readonly error?: string;
}

/** The vector a comparison steers with, as the panel knows it. */
export interface ComparedVector {
  readonly vectorId: string;
  readonly vectorName: string;
  readonly measure?: SteeringView['measure'];
}

export interface SteeringViewSlice {
  steeringView?: SteeringView;
  setSteeringView(v: SteeringView | undefined): void;
  setCellCoherence(viewId: string, runId: string, c: Coherence): void;
}

export const createSteeringViewSlice: StateCreator<AppState, [], [], SteeringViewSlice> = (set) => ({
  steeringView: undefined,
  setSteeringView: (v) => set({ steeringView: v }),
  setCellCoherence: (viewId, runId, c) =>
    set((s) => {
      const v = s.steeringView;
      if (!v || v.id !== viewId) return s;
      return { steeringView: { ...v, cells: v.cells.map((x) => (x.runId === runId ? { ...x, coherence: c } : x)) } };
    }),
});
