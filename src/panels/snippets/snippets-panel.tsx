import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { maskKey } from '../../api/build-request.ts';
import type { NextRequest } from '../../api/next-request.ts';
import { CopyButton } from '../../components/ui/copy-button.tsx';
import { SNIPPET_TARGETS } from '../../snippets/registry.ts';
import { KEY_ENV } from '../../snippets/request-parts.ts';
import { selectActiveRun } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';

/** Working code for the current request, in every target; custom model id and key; copy with feedback. */
export function SnippetsPanel({ next }: { next: NextRequest }) {
  const id = useId();
  const [tab, setTab] = useState(SNIPPET_TARGETS[0]?.id ?? 'curl');
  const [customModel, setCustomModel] = useState('');
  const [customKey, setCustomKey] = useState('');
  const [includeKey, setIncludeKey] = useState(false);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const lastRequest = useStore((s) => selectActiveRun(s)?.request);
  const activeKey = useStore((s) => s.keys[s.target]);
  const req = next.request ?? (lastRequest?.url ? lastRequest : undefined);
  const target = SNIPPET_TARGETS.find((t) => t.id === tab) ?? SNIPPET_TARGETS[0];
  const key = customKey || activeKey;
  const render = (keyMode: 'env' | 'inline') =>
    req && target
      ? target.render(req, {
          keyMode,
          apiKey: activeKey,
          customModel: customModel || undefined,
          customKey: customKey || undefined,
        })
      : undefined;
  const shown = render(includeKey ? 'inline' : 'env');
  const withKey = render('inline');
  const display = shown && includeKey && key ? shown.code.split(key).join(maskKey(key)) : shown?.code;
  const onTabKey = (e: KeyboardEvent, i: number) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    const j = (i + d + SNIPPET_TARGETS.length) % SNIPPET_TARGETS.length;
    setTab(SNIPPET_TARGETS[j]?.id ?? tab);
    tabs.current[j]?.focus();
  };

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Snippets</h2>
      <div role="tablist" aria-label="Snippet language">
        {SNIPPET_TARGETS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t.id}`}
            aria-selected={t.id === tab}
            aria-controls={`${id}-panel`}
            tabIndex={t.id === tab ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <details>
        <summary>Custom values</summary>
        <div className="grid2">
          <div>
            <label htmlFor={`${id}-cm`}>Custom model</label>
            <input
              id={`${id}-cm`}
              type="text"
              value={customModel}
              placeholder={String(req?.body?.model ?? '')}
              onChange={(e) => setCustomModel(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={`${id}-ck`}>Custom API key</label>
            <input
              id={`${id}-ck`}
              type="password"
              autoComplete="off"
              value={customKey}
              onChange={(e) => setCustomKey(e.target.value.trim())}
            />
          </div>
        </div>
        <p className="hint">Used only in the generated code, as in Spectra’s snippet dialog.</p>
      </details>
      <label className="inline" style={{ marginTop: 6 }}>
        <input type="checkbox" checked={includeKey} onChange={(e) => setIncludeKey(e.target.checked)} />
        Include my key
      </label>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`}>
        {!req && <p className="error-box">{next.error ?? 'No request yet.'}</p>}
        {shown && (
          <>
            {target?.install && (
              <p className="hint snippet-install" data-testid="snippet-install">
                First: <code>{target.install}</code> <CopyButton label="Copy install line" text={target.install} />
              </p>
            )}
            {/* focusable so keyboard users can scroll a long snippet (axe: scrollable-region-focusable) */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard */}
            <pre className="code" data-testid="snippet-code" tabIndex={0}>
              {display}
            </pre>
            {shown.unsupported.length > 0 && (
              <p className="warning" data-testid="snippet-unsupported">
                {target?.label} cannot send: {shown.unsupported.join(', ')}.
              </p>
            )}
            {shown.notes
              // the export line is said once, below, with this page's key (masked)
              .filter((n) => !(key && n.startsWith(`Set ${KEY_ENV} first`)))
              .map((n) => (
                <p key={n} className="hint">
                  {n}
                </p>
              ))}
            <div className="row">
              <CopyButton label="Copy" text={shown.code} />
              {withKey && key && <CopyButton label="Copy with key" text={withKey.code} />}
              {key && <CopyButton label="Copy export line" text={`export AXIONIC_API_KEY=${key}`} />}
            </div>
            {key && (
              <p className="hint">
                Set {KEY_ENV} first:{' '}
                <code>
                  export {KEY_ENV}={maskKey(key)}
                </code>
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
