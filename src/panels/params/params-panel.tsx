import { useId } from 'react';
import { FIELD_RANGES, MAX_STOP_SEQUENCES, type RangedField } from '../../../protocol/limits.ts';
import { samplingMethods } from '../../../protocol/sampling.ts';
import { browserRoute } from '../../api/routes/registry.ts';
import type { SamplingMethod } from '../../api/run-spec.ts';
import { NumberField } from '../../components/ui/number-field.tsx';
import { FIELD_LABELS, fieldProblems, numberProblem, parseStops, stopProblem } from '../../store/params-check.ts';
import { selectActiveRun } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';

interface NumberSpec {
  field: RangedField;
  /** The draft's key for it (alternatives live outside params). */
  key: 'max_tokens' | 'temperature' | 'top_p' | 'top_k' | 'seed';
  hint: string;
  sliderMax?: number;
  slider?: boolean;
  placeholder?: string;
}

const NUMBERS: readonly NumberSpec[] = [
  { field: 'max_tokens', key: 'max_tokens', hint: 'Upper bound on generated tokens (one character each locally).' },
  { field: 'temperature', key: 'temperature', hint: '0 always picks the likeliest token; higher is more random.' },
  {
    field: 'top_p',
    key: 'top_p',
    placeholder: 'off',
    hint: 'Sample from the likeliest tokens making up this much probability.',
  },
  {
    field: 'top_k',
    key: 'top_k',
    placeholder: 'off',
    sliderMax: 100,
    hint: 'Sample only from the k likeliest tokens.',
  },
  {
    field: 'seed',
    key: 'seed',
    placeholder: 'random',
    slider: false,
    hint: 'Same seed and request give the same text.',
  },
];

const show = (stop: readonly string[]) => stop.map((s) => s.replace(/\n/g, '\\n').replace(/\t/g, '\\t')).join(', ');

/** Sampling parameters, always in view: a slider and a number for each, validated in place against the protocol. */
export function ParamsPanel() {
  const id = useId();
  const p = useStore((s) => s.draft.params);
  const fieldText = useStore((s) => s.draft.fieldText);
  const stream = useStore((s) => s.draft.stream);
  const topLogprobs = useStore((s) => s.draft.topLogprobs);
  const mode = useStore((s) => s.draft.mode);
  const setFieldText = useStore((s) => s.setFieldText);
  const setParam = useStore((s) => s.setParam);
  const patchDraft = useStore((s) => s.patchDraft);
  // an error the server reported about a field (422) is shown on that field (primitives: stable selections)
  const serverErrorField = useStore((s) => {
    const r = selectActiveRun(s);
    return r?.status === 'error' ? r.errorField : undefined;
  });
  const serverError = useStore((s) => selectActiveRun(s)?.error);
  const serverField = serverErrorField ? { field: serverErrorField, message: serverError } : undefined;
  const problems = fieldProblems({ fieldText });
  const errorOf = (field: string) =>
    problems[field] ?? (serverField?.field === field ? serverField.message : undefined);

  const onNumber = (s: NumberSpec, text: string) => {
    const problem = numberProblem(s.field, text);
    if (problem) setFieldText(s.key, text);
    else setFieldText(s.key, text, { ok: true, value: text.trim() === '' ? undefined : Number(text) });
  };
  const stopText = fieldText.stop ?? show(p.stop);
  const alternatives = browserRoute(mode).alternatives;

  return (
    <section className="panel params" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Parameters</h2>
      {NUMBERS.map((s) => (
        <NumberField
          key={s.key}
          label={FIELD_LABELS[s.key] ?? s.key}
          hint={s.hint}
          text={fieldText[s.key] ?? (p[s.key] === undefined ? '' : String(p[s.key]))}
          min={FIELD_RANGES[s.field].min}
          max={(FIELD_RANGES[s.field] as { max?: number }).max}
          step={FIELD_RANGES[s.field].step}
          sliderMax={s.sliderMax}
          slider={s.slider}
          placeholder={s.placeholder}
          error={errorOf(s.key)}
          onText={(t) => onNumber(s, t)}
        />
      ))}
      <div className="field">
        <label htmlFor={`${id}-method`}>Sampling method</label>
        <select
          id={`${id}-method`}
          value={p.sampling_method ?? ''}
          onChange={(e) => setParam('sampling_method', (e.target.value || undefined) as SamplingMethod | undefined)}
        >
          <option value="">(server default)</option>
          {samplingMethods.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <p className="hint">Axionic extension: picks a filter and its default; explicit fields still apply.</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-stop`}>Stop sequences</label>
        <input
          id={`${id}-stop`}
          type="text"
          value={stopText}
          placeholder="e.g. \n\n, Emma"
          aria-invalid={errorOf('stop') ? true : undefined}
          aria-describedby={`${id}-stop-h`}
          onChange={(e) => {
            const text = e.target.value;
            if (stopProblem(text)) setFieldText('stop', text);
            else setFieldText('stop', text, { ok: true, value: parseStops(text) });
          }}
        />
        {errorOf('stop') ? (
          <p className="field-error" id={`${id}-stop-h`} role="alert">
            {errorOf('stop')}
          </p>
        ) : (
          <p className="hint" id={`${id}-stop-h`}>
            Generation ends before any of these (comma-separated, \n for newline; at most {MAX_STOP_SEQUENCES}).
          </p>
        )}
      </div>
      <div className="field">
        <label className="inline">
          <input type="checkbox" checked={stream} onChange={(e) => patchDraft({ stream: e.target.checked })} />
          Stream
        </label>
        <p className="hint">Show tokens as they arrive.</p>
      </div>
      {alternatives && (
        <NumberField
          label="Alternatives per token"
          hint="Logprobs and top alternatives to show on hover (0 = off)."
          text={fieldText.top_logprobs ?? String(topLogprobs)}
          min={FIELD_RANGES.top_logprobs.min}
          max={FIELD_RANGES.top_logprobs.max}
          step={1}
          error={errorOf('top_logprobs')}
          onText={(t) => {
            // kept as typed; a valid value also sets the draft's alternatives
            const fieldText = { ...useStore.getState().draft.fieldText, top_logprobs: t };
            if (numberProblem('top_logprobs', t)) patchDraft({ fieldText });
            else patchDraft({ topLogprobs: Number(t), fieldText });
          }}
        />
      )}
    </section>
  );
}
