// Guided output, a section of the side panel: the Constraint (None, JSON Schema, Regex, Grammar, Policy), how it
// travels (an OpenAI route with a policy, or /sampling/generate), one-click examples, the editor (Monaco, loaded
// only when an editor shows), the lints and compiled facts from the very compiler the server runs, a sample of what
// the output will look like, and for policies the presets and saved policies.
import { lazy, Suspense, useEffect, useId } from 'react';
import type { GuideKind, GuideTransport } from '../../api/guide.ts';
import type { DraftGuide } from '../../api/guide-from-draft.ts';
import { GUIDE_EXAMPLES, SEED_SCHEMA_TEXT } from '../../guide/examples.ts';
import { DEFAULT_DRAFT } from '../../store/draft.ts';
import { useStore } from '../../store/store.ts';
import { GuideEditor } from './guide-editor.tsx';
import { preloadGuideOutput } from './guide-output-slot.tsx';
import { SEED_POLICY_TEXT } from './seed-policy.ts';
import { useGuideLint } from './use-guide-lint.ts';

// loaded when a constraint or a policy is chosen (they stay out of the page's first load)
const LintView = lazy(() => import('./lint-view.tsx').then((m) => ({ default: m.LintView })));
const PolicyLibrary = lazy(() => import('./policy-library.tsx').then((m) => ({ default: m.PolicyLibrary })));

const KINDS: readonly { value: DraftGuide['kind']; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'json_schema', label: 'JSON Schema' },
  { value: 'regex', label: 'Regex' },
  { value: 'grammar', label: 'Grammar' },
  { value: 'policy', label: 'Policy' },
];

const TRANSPORTS: readonly { value: GuideTransport; label: string; hint: string }[] = [
  {
    value: 'openai',
    label: 'OpenAI route with a policy',
    hint: 'The constraint rides the chat or completion request as an inline policy (extra_body in the OpenAI SDK).',
  },
  {
    value: 'direct',
    label: 'Direct guided generation',
    hint: 'POST /sampling/generate with the constraint’s own field, streamed with the native frames.',
  },
];

/** The text an editor starts with when it is chosen empty. */
function starterText(kind: GuideKind): string {
  if (kind === 'json_schema') return SEED_SCHEMA_TEXT;
  if (kind === 'policy') return SEED_POLICY_TEXT;
  return GUIDE_EXAMPLES.find((e) => e.kind === kind)?.text ?? '';
}

export function GuidePanel() {
  const id = useId();
  const guide = useStore((s) => s.draft.guide);
  const mode = useStore((s) => s.draft.mode);
  const raw = useStore((s) => s.draft.rawBody !== undefined);
  const patchDraft = useStore((s) => s.patchDraft);
  const lint = useGuideLint();
  const setGuide = (p: Partial<DraftGuide>) => patchDraft({ guide: { ...useStore.getState().draft.guide, ...p } });

  const choose = (kind: DraftGuide['kind']) => {
    const g = useStore.getState().draft.guide;
    if (kind === 'none' || g.texts[kind].trim()) return setGuide({ kind });
    setGuide({ kind, texts: { ...g.texts, [kind]: starterText(kind) } });
  };
  const example = (e: (typeof GUIDE_EXAMPLES)[number]) => {
    const st = useStore.getState();
    const g = st.draft.guide;
    const texts = { ...g.texts, [e.kind]: e.text };
    const chat = st.draft.mode === 'chat';
    patchDraft({
      guide: { ...g, kind: e.kind, texts },
      ...(chat && !st.draft.composer.trim() ? { composer: e.message } : {}),
      // a prompt the user wrote is kept; the starting one gives way to the example's
      ...(!chat && (!st.draft.prompt.trim() || st.draft.prompt === DEFAULT_DRAFT.prompt) ? { prompt: e.message } : {}),
    });
  };
  const constraint = guide.kind !== 'none' && guide.kind !== 'policy';
  useEffect(() => {
    if (guide.kind !== 'none') preloadGuideOutput();
  }, [guide.kind]);

  return (
    <section className="panel guide" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Guided output</h2>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Constraint</label>
        <select id={`${id}-kind`} value={guide.kind} onChange={(e) => choose(e.target.value as DraftGuide['kind'])}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
        <p className="hint">The output must follow it: the model can only write what it allows.</p>
      </div>
      <fieldset className="field examples-set">
        <legend className="label">Examples</legend>
        <div className="examples">
          {GUIDE_EXAMPLES.map((e) => (
            <button key={e.id} type="button" className="chip" onClick={() => example(e)}>
              {e.label}
            </button>
          ))}
        </div>
      </fieldset>
      {constraint && mode !== 'generate' && (
        <fieldset className="field transport">
          <legend>Transport</legend>
          {TRANSPORTS.map((t) => (
            <label key={t.value} className="inline" title={t.hint}>
              <input
                type="radio"
                name={`${id}-transport`}
                value={t.value}
                checked={guide.transport === t.value}
                onChange={() => setGuide({ transport: t.value })}
              />
              {t.label}
            </label>
          ))}
          <p className="hint">{TRANSPORTS.find((t) => t.value === guide.transport)?.hint}</p>
        </fieldset>
      )}
      {constraint && mode === 'generate' && (
        <p className="hint">
          On the Generate mode the constraint goes to /sampling/generate (direct guided generation).
        </p>
      )}
      {raw && guide.kind !== 'none' && (
        <p className="warning-box">
          The inspector’s edited body is sent as it is: here the guide only picks its route. Go back to the form
          (Inspector) to send this guide.
        </p>
      )}
      <Suspense fallback={null}>{guide.kind === 'policy' && <PolicyLibrary />}</Suspense>
      {guide.kind !== 'none' && !(guide.kind === 'policy' && guide.policyId) && (
        <GuideEditor
          kind={guide.kind}
          text={guide.texts[guide.kind]}
          onText={(t) => setGuide({ texts: { ...useStore.getState().draft.guide.texts, [guide.kind]: t } })}
          lints={lint.report?.lints ?? []}
        />
      )}
      <Suspense fallback={null}>{constraint && <LintView state={lint} />}</Suspense>
    </section>
  );
}
