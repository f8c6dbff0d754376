import { useEffect, useState } from 'react';
import { FIELD_RANGES, MAX_STOP_SEQUENCES } from '../../../protocol/limits.ts';
import { samplingMethods } from '../../../protocol/sampling.ts';
import type { SamplingMethod } from '../../api/run-spec.ts';
import { Field } from '../../components/ui/field.tsx';
import { OptionalNumber } from '../../components/ui/optional-number.tsx';
import { useStore } from '../../store/store.ts';

const R = FIELD_RANGES;

/** Sampling parameters, each with a one-line explanation. */
export function ParamsForm() {
  const p = useStore((s) => s.draft.params);
  const setParam = useStore((s) => s.setParam);
  const stream = useStore((s) => s.draft.stream);
  const topLogprobs = useStore((s) => s.draft.topLogprobs);
  const patchDraft = useStore((s) => s.patchDraft);
  return (
    <div className="grid2">
      <Field id="p-max" label="Max tokens" hint="Upper bound on generated tokens (one character each locally).">
        <input
          id="p-max"
          type="number"
          min={R.max_tokens.min}
          max={R.max_tokens.max}
          value={p.max_tokens}
          onChange={(e) => setParam('max_tokens', Number(e.target.value) || 1)}
        />
      </Field>
      <Field id="p-temp" label="Temperature" hint="0 always picks the likeliest token; higher is more random.">
        <input
          id="p-temp"
          type="number"
          min={R.temperature.min}
          max={R.temperature.max}
          step={R.temperature.step}
          value={p.temperature}
          onChange={(e) => setParam('temperature', Number(e.target.value))}
        />
      </Field>
      <Field id="p-topp" label="Top-p" hint="Sample only from the likeliest tokens that make up this much probability.">
        <OptionalNumber
          id="p-topp"
          range={R.top_p}
          value={p.top_p}
          placeholder="off"
          onChange={(v) => setParam('top_p', v)}
        />
      </Field>
      <Field id="p-topk" label="Top-k" hint="Sample only from the k likeliest tokens.">
        <OptionalNumber
          id="p-topk"
          range={R.top_k}
          value={p.top_k}
          placeholder="off"
          onChange={(v) => setParam('top_k', v)}
        />
      </Field>
      <Field
        id="p-method"
        label="Sampling method"
        hint="Axionic extension: picks a filter and its default; explicit fields still apply."
      >
        <select
          id="p-method"
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
      </Field>
      <Field id="p-seed" label="Seed" hint="Same seed and request give the same text.">
        <OptionalNumber
          id="p-seed"
          range={R.seed}
          value={p.seed}
          placeholder="random"
          onChange={(v) => setParam('seed', v)}
        />
      </Field>
      <div style={{ gridColumn: '1 / -1' }}>
        <label htmlFor="p-stop">Stop sequences</label>
        <StopInput />
        <p className="hint">
          Generation ends before any of these (comma-separated, \n for newline; at most {MAX_STOP_SEQUENCES}).
        </p>
      </div>
      <div>
        <label className="inline">
          <input type="checkbox" checked={stream} onChange={(e) => patchDraft({ stream: e.target.checked })} />
          Stream
        </label>
        <p className="hint">Show tokens as they arrive.</p>
      </div>
      <div>
        <label htmlFor="p-lp">Alternatives per token</label>
        <input
          id="p-lp"
          type="number"
          min={R.top_logprobs.min}
          max={R.top_logprobs.max}
          value={topLogprobs}
          onChange={(e) =>
            patchDraft({
              topLogprobs: Math.max(R.top_logprobs.min, Math.min(R.top_logprobs.max, Number(e.target.value) || 0)),
            })
          }
        />
        <p className="hint">Logprobs and top alternatives to show on hover (0 = off).</p>
      </div>
    </div>
  );
}

const show = (stop: readonly string[]) => stop.map((s) => s.replace(/\n/g, '\\n').replace(/\t/g, '\\t')).join(', ');

const parseStops = (text: string) =>
  text
    .split(',')
    .map((x) => x.trim().replace(/\\n/g, '\n').replace(/\\t/g, '\t'))
    .filter(Boolean)
    .slice(0, MAX_STOP_SEQUENCES);

/** Free text while typing; parsed into at most four stop sequences on every change. */
function StopInput() {
  const stop = useStore((s) => s.draft.params.stop);
  const setParam = useStore((s) => s.setParam);
  const [text, setText] = useState(() => show(stop));
  // a draft restored from history or a share link replaces what is shown
  useEffect(() => {
    if (show(parseStops(text)) !== show(stop)) setText(show(stop));
  }, [stop, text]);
  return (
    <input
      id="p-stop"
      type="text"
      value={text}
      placeholder="e.g. \n\n, Emma"
      onChange={(e) => {
        setText(e.target.value);
        setParam('stop', parseStops(e.target.value));
      }}
    />
  );
}
