// One request rendered by every snippet target, with a Language picker, Copy and the target's notes: the code of an
// action beside the request form (creating a steering vector, creating a behavior). The key is never written into
// this code: it reads AXIONIC_API_KEY.
import { useId, useState } from 'react';
import type { RequestObject } from '../../api/request-object.ts';
import { CopyButton } from './copy-button.tsx';

/** A snippet target as this control needs it (the caller passes the registry's). */
export interface CodeTarget {
  readonly id: string;
  readonly label: string;
  render(req: RequestObject, opts: { keyMode: 'env' }): { code: string; notes: readonly string[] };
}

export function RequestCode({ request, targets }: { request: RequestObject; targets: readonly CodeTarget[] }) {
  const id = useId();
  const [targetId, setTargetId] = useState(targets[0]?.id ?? 'curl');
  const t = targets.find((x) => x.id === targetId) ?? targets[0];
  if (!t) return null;
  const s = t.render(request, { keyMode: 'env' });
  return (
    <div className="create-snippets">
      <div className="field">
        <label htmlFor={`${id}-t`}>Language</label>
        <select id={`${id}-t`} value={t.id} onChange={(e) => setTargetId(e.target.value)}>
          {targets.map((x) => (
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
