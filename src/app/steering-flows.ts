// Steering comparisons: the same prompt and seed at several fractions of the set-up steering, streaming together —
// side by side (unsteered vs as set up) and a strength sweep (five fractions from off to all of it). Each cell's
// request is the draft's own request with only the strengths scaled (built by the one draft → request function, so
// the inspector and the snippets describe exactly what ran); when a cell ends, its text is scored for coherence
// under the unsteered model. Nothing here touches the conversation or history.
import { ApiError } from '../api/api-error.ts';
import { DEFAULT_BEHAVIORS } from '../api/behaviors.ts';
import { scoreCoherence } from '../api/coherence.ts';
import { describeError } from '../api/describe-error.ts';
import { specFromDraft } from '../api/request-from-draft.ts';
import type { ChatTemplate } from '../api/request-object.ts';
import { samplingPrompt } from '../api/routes/sampling.ts';
import { cellLabel, type DraftSteering, scaleSteering } from '../api/steering.ts';
import { baseUrlOf, pageOrigin } from '../store/connection-slice.ts';
import { guideBlocker } from '../store/guide-check.ts';
import { runBlocker } from '../store/params-check.ts';
import type { ComparedVector, SteeringView } from '../store/steering-view.ts';
import { useStore } from '../store/store.ts';
import { draftRequest } from './draft-request.ts';
import { isRunning, runRequestObject, runText, stopRun } from './run-controller.ts';

/** Each comparison's coherence scoring, by view id: Stop and Close abort it with the runs. */
const scoring = new Map<string, AbortController>();

/** Stops a comparison: its runs (partial texts kept) and its coherence scoring. */
export function stopComparison(viewId: string, runIds: readonly string[]): void {
  for (const id of runIds) stopRun(id);
  scoring.get(viewId)?.abort();
}

const randomSeed = (): number => 1 + Math.floor(Math.random() * 2_147_483_646);

function fail(kind: SteeringView['kind'], v: ComparedVector, error: string): void {
  useStore.getState().setSteeringView({
    kind,
    id: crypto.randomUUID(),
    vectorId: v.vectorId,
    vectorName: v.vectorName,
    seed: 0,
    context: '',
    cells: [],
    error,
  });
}

/**
 * Runs the draft with `base` steering scaled by each factor, as one comparison; resolves when every cell has ended
 * and been scored.
 */
export async function compareStrengths(
  kind: SteeringView['kind'],
  base: DraftSteering,
  factors: readonly number[],
  v: ComparedVector,
  chatTemplate?: ChatTemplate,
): Promise<void> {
  const st = useStore.getState();
  if (isRunning()) return fail(kind, v, 'A run is still streaming: stop it or wait, then compare.');
  if (!v.vectorId.trim()) return fail(kind, v, 'Pick a steering vector first.');
  if (st.draft.rawBody !== undefined)
    return fail(kind, v, 'Raw mode sends the edited body as it is: return to the form to compare strengths.');
  const blocked = runBlocker(st.draft) ?? guideBlocker(st);
  if (blocked) return fail(kind, v, blocked);
  const seed = st.draft.params.seed ?? randomSeed();
  const at = (f: number) => ({
    ...st,
    // streamed whatever the form says: the cells fill as they are written; a comparison of strengths is not monitored
    // (behaviors would send Generate to /sae/generate, which takes no steering vector)
    draft: {
      ...st.draft,
      params: { ...st.draft.params, seed },
      stream: true,
      steering: scaleSteering(base, f),
      behaviors: DEFAULT_BEHAVIORS,
    },
  });
  let requests: ReturnType<typeof draftRequest>[];
  let context: string;
  try {
    requests = factors.map((f) => draftRequest(at(f), chatTemplate));
    const spec = specFromDraft(at(0).draft, { target: st.target, baseUrl: baseUrlOf(st), apiKey: '' }, chatTemplate);
    context = samplingPrompt(spec);
  } catch (e) {
    return fail(kind, v, (e as Error).message);
  }
  const id = crypto.randomUUID();
  const cells = factors.map((factor) => ({ runId: crypto.randomUUID(), factor, label: cellLabel(base, factor) }));
  st.setSteeringView({
    kind,
    id,
    vectorId: v.vectorId,
    vectorName: v.vectorName,
    seed,
    context,
    measure: v.measure,
    cells,
  });
  const target = {
    target: st.target,
    baseUrl: baseUrlOf(st),
    apiKey: st.keys[st.target],
    localKey: st.keys.local,
    origin: pageOrigin(),
  };
  const model = st.draft.model;
  const ac = new AbortController();
  scoring.set(id, ac);
  await Promise.all(
    cells.map(async (c, i) => {
      const request = requests[i];
      if (!request) return;
      const run = await runRequestObject(request, {
        mode: st.draft.mode,
        id: c.runId,
        group: id,
        activate: false,
        record: false,
      });
      const text = runText(run);
      const s = useStore.getState();
      if (!text) return s.setCellCoherence(id, c.runId, { state: 'unavailable', why: 'no text to score' });
      s.setCellCoherence(id, c.runId, { state: 'pending' });
      try {
        const score = await scoreCoherence(target, model, context, text, ac.signal);
        useStore.getState().setCellCoherence(id, c.runId, { state: 'done', ...score });
      } catch (e) {
        const why = ac.signal.aborted
          ? 'stopped'
          : e instanceof ApiError || e instanceof Error
            ? describeError(e, { chars: 0 }).message
            : String(e);
        useStore.getState().setCellCoherence(id, c.runId, { state: 'unavailable', why });
      }
    }),
  );
  scoring.delete(id);
}
