// The one bound zustand store: client-only state (drafts, selections, runs, settings), a slice per concern.
// Server data (models) lives in TanStack Query, not here.
import { create } from 'zustand';
import { type ConnectionSlice, createConnectionSlice } from './connection-slice.ts';
import { saveDraft } from './draft.ts';
import { createDraftSlice, type DraftSlice } from './draft-slice.ts';
import { createGuideCheckSlice, type GuideCheckSlice } from './guide-check.ts';
import { createHistorySlice, type HistorySlice } from './history-slice.ts';
import { createRunsSlice, type RunsSlice } from './runs-slice.ts';
import { createSteeringViewSlice, type SteeringViewSlice } from './steering-view.ts';

export type AppState = ConnectionSlice & DraftSlice & RunsSlice & HistorySlice & GuideCheckSlice & SteeringViewSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createDraftSlice(...a),
  ...createRunsSlice(...a),
  ...createHistorySlice(...a),
  ...createGuideCheckSlice(...a),
  ...createSteeringViewSlice(...a),
}));

// the draft survives a reload (debounced)
let timer: ReturnType<typeof setTimeout> | undefined;
useStore.subscribe((s, prev) => {
  if (s.draft === prev.draft || typeof localStorage === 'undefined') return;
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    saveDraft(useStore.getState().draft);
  }, 250);
});
// … and a change made just before the page goes away is saved then
if (typeof addEventListener === 'function')
  addEventListener('pagehide', () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    saveDraft(useStore.getState().draft);
  });
