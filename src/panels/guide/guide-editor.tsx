// The editor of the chosen constraint or policy, under its visible label (the editor's accessible name): Monaco,
// loaded only when this shows. The policy's JSON Schema (generated from the protocol's zod schema) gives its
// editor IntelliSense, hovers and completion; lints become markers at the positions they name.
import { lazy, Suspense, useMemo } from 'react';
import type { GuideKind } from '../../api/guide.ts';
import type { Lint } from '../../guide/lint/types.ts';
import { useStore } from '../../store/store.ts';

const CodeEditor = lazy(() => import('../../lib/monaco/code-editor.tsx'));

export const EDITOR_LABEL: Record<GuideKind, string> = {
  json_schema: 'Schema',
  regex: 'Regex',
  grammar: 'Grammar',
  policy: 'Policy',
};

export function GuideEditor(p: { kind: GuideKind; text: string; onText(t: string): void; lints: readonly Lint[] }) {
  const theme = useStore((s) => s.theme);
  const advisory = useStore((s) => s.target !== 'local');
  const label = EDITOR_LABEL[p.kind];
  const markers = useMemo(
    () =>
      p.lints
        .filter((l) => l.from !== undefined)
        .map((l) => ({
          from: l.from ?? 0,
          to: l.to ?? (l.from ?? 0) + 1,
          message: l.message,
          severity: advisory && l.severity === 'error' ? ('warning' as const) : l.severity,
        })),
    [p.lints, advisory],
  );
  const json = p.kind === 'json_schema' || p.kind === 'policy';
  return (
    <div className="field guide-editor">
      <span className="label">{label}</span>
      <Suspense fallback={<p className="hint">Loading the editor…</p>}>
        <CodeEditor
          value={p.text}
          onChange={p.onText}
          fileName={`guide.${p.kind}.${json ? 'json' : 'txt'}`}
          language={json ? 'json' : 'plaintext'}
          schema={p.kind === 'policy' ? 'policy' : undefined}
          markers={markers}
          label={label}
          theme={theme}
          height={p.kind === 'regex' ? 80 : 220}
        />
      </Suspense>
      <p className="hint">In the editor Tab indents; press Ctrl+M (⌃⇧M on a Mac) first to move on with Tab.</p>
    </div>
  );
}
