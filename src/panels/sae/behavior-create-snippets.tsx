// Code for the "create a behavior" action: the same POST /behaviors/create the dialog sends, rendered by every
// snippet target (curl, mechanex's create_behavior, fetch; the OpenAI clients say they have no call).
import { useId, useState } from 'react';
import type { BehaviorCreateRequest } from '../../api/behaviors-client.ts';
import { CopyButton } from '../../components/ui/copy-button.tsx';
import { behaviorCreateRequest } from '../../snippets/behavior-create.ts';
import { SNIPPET_TARGETS } from '../../snippets/registry.ts';
import { baseUrlOf } from '../../store/connection-slice.ts';
import { useStore } from '../../store/store.ts';

export function BehaviorCreateSnippets({ body }: { body: BehaviorCreateRequest | undefined }) {
  const id = useId();
  const [targetId, setTargetId] = useState(SNIPPET_TARGETS[0]?.id ?? 'curl');
  const target = useStore((s) => s.target);
  const baseUrl = useStore((s) => baseUrlOf(s));
  if (!body) return <p className="hint">Write valid pairs and a name to see the code.</p>;
  const t = SNIPPET_TARGETS.find((x) => x.id === targetId) ?? SNIPPET_TARGETS[0];
  if (!t) return null;
  // the key is never written into this code: it reads AXIONIC_API_KEY
  const s = t.render(behaviorCreateRequest({ target, baseUrl, apiKey: '', body }), { keyMode: 'env' });
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
