// Code for the "create a vector" action: the same POST /steering/generate the dialog sends, rendered by every snippet
// target (curl -N, mechanex's generate_vectors, fetch reading the frames; the OpenAI clients say they have no call).
import { useId, useState } from 'react';
import type { SteeringGenerateRequest } from '../../../protocol/steering.ts';
import { CopyButton } from '../../components/ui/copy-button.tsx';
import { SNIPPET_TARGETS } from '../../snippets/registry.ts';
import { steeringCreateRequest } from '../../snippets/steering-create.ts';
import { baseUrlOf } from '../../store/connection-slice.ts';
import { useStore } from '../../store/store.ts';

export function CreateSnippets({ body }: { body: SteeringGenerateRequest | undefined }) {
  const id = useId();
  const [targetId, setTargetId] = useState(SNIPPET_TARGETS[0]?.id ?? 'curl');
  const target = useStore((s) => s.target);
  const baseUrl = useStore((s) => baseUrlOf(s));
  if (!body) return <p className="hint">Write valid pairs to see the code.</p>;
  const t = SNIPPET_TARGETS.find((x) => x.id === targetId) ?? SNIPPET_TARGETS[0];
  if (!t) return null;
  const req = steeringCreateRequest({
    target,
    baseUrl,
    apiKey: '',
    pairs: {
      prompts: body.prompts,
      positive_answers: body.positive_answers,
      negative_answers: body.negative_answers ?? [],
    },
    layerIdxs: body.layer_idxs ?? undefined,
    name: body.name ?? undefined,
    method: body.method ?? undefined,
    model: body.model ?? undefined,
  });
  // the key is never written into this code: it reads AXIONIC_API_KEY
  const s = t.render(req, { keyMode: 'env' });
  return (
    <div className="create-snippets">
      <div className="field">
        <label htmlFor={`${id}-t`}>Language</label>
        <select id={`${id}-t`} value={t.id} onChange={(e) => setTargetId(e.target.value)}>
          {SNIPPET_TARGETS.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label}
            </option>
          ))}
        </select>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard */}
      <pre className="code" data-testid="create-snippet" tabIndex={0}>
        {s.code}
      </pre>
      <CopyButton label="Copy code" text={s.code} />
      {s.notes.map((n) => (
        <p key={n} className="hint">
          {n}
        </p>
      ))}
    </div>
  );
}
