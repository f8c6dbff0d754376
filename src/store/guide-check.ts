// The guide panel's last lint of the constraint being edited, keyed by what it checked. On the local target a
// constraint the compiler refuses blocks Run with the compiler's own words (the server's 400, word for word); on
// the hosted and custom targets lints are only warnings (that runtime may accept more or less than ours).
import type { StateCreator } from 'zustand';
import type { DraftGuide } from '../api/guide-from-draft.ts';
import type { RouteKey } from '../api/run-spec.ts';
import type { LintReport } from '../guide/lint/types.ts';
import type { AppState } from './store.ts';

export interface GuideCheck {
  /** guideCheckKey of what was checked */
  readonly key: string;
  readonly report: LintReport;
}

export interface GuideCheckSlice {
  guideCheck?: GuideCheck;
  setGuideCheck(c: GuideCheck | undefined): void;
}

export const createGuideCheckSlice: StateCreator<AppState, [], [], GuideCheckSlice> = (set) => ({
  guideCheck: undefined,
  setGuideCheck: (guideCheck) => set({ guideCheck }),
});

/** Where a constraint travels: /sampling/generate ('direct') or inside an inline policy on an OpenAI route. */
export function lintRoute(g: Pick<DraftGuide, 'transport'>, mode: RouteKey): 'direct' | 'policy' {
  return g.transport === 'direct' || mode === 'generate' ? 'direct' : 'policy';
}

/** What a lint depends on: the constraint's kind and text, the run's max tokens, and the route (its messages
 * name the field the constraint travels in). */
export function guideCheckKey(g: DraftGuide, maxTokens: number, mode: RouteKey): string | undefined {
  if (g.kind === 'none' || g.kind === 'policy') return undefined;
  return JSON.stringify([g.kind, g.texts[g.kind], maxTokens, lintRoute(g, mode)]);
}

const EDITOR = { json_schema: 'schema', regex: 'regex', grammar: 'grammar' } as const;

/** Why Run cannot start because of the guide, if it cannot (local target only). */
export function guideBlocker(
  s: Pick<AppState, 'guideCheck' | 'target'> & {
    draft: { guide: DraftGuide; params: { max_tokens: number }; mode: RouteKey; rawBody?: string };
  },
): string | undefined {
  const g = s.draft.guide;
  // an edited body (raw mode) is sent as it is: the guide's texts are not what goes out
  if (s.target !== 'local' || g.kind === 'none' || g.kind === 'policy' || s.draft.rawBody !== undefined)
    return undefined;
  const c = s.guideCheck;
  if (!c || c.key !== guideCheckKey(g, s.draft.params.max_tokens, s.draft.mode) || !c.report.refusal) return undefined;
  return `The ${EDITOR[g.kind]} is refused: ${c.report.refusal}`;
}
