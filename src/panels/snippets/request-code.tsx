// One request rendered by every snippet target, with a Language picker, Copy and the target's notes: the code of an
// action beside the request form (creating a steering vector, creating a behavior). The key is never written into
// this code: it reads AXIONIC_API_KEY.
import { useId, useState } from 'react';
import type { RequestObject } from '../../api/request-object.ts';
import { CopyButton } from '../../components/ui/copy-button.tsx';
import { SNIPPET_TARGETS } from '../../snippets/registry.ts';

export function RequestCode({ request }: { request: RequestObject }) {
  const id = useId();
  const [targetId, setTargetId] = useState(SNIPPET_TARGETS[0]?.id ?? 'curl');
  const t = SNIPPET_TARGETS.find((x) => x.id === targetId) ?? SNIPPET_TARGETS[0];
  if (!t) return null;
  const s = t.render(request, { keyMode: 'env' });
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
