// A constraint or policy in Monaco (loaded lazily, only when the guide panel shows an editor): JSON with an optional
// JSON Schema for IntelliSense, hovers and completion (the policy's, generated from the protocol's zod schema), or
// plain text (regex, grammar); markers at the offsets the lints report. Reads no app state: all props.
import './monaco-setup.ts';
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { policyJsonSchema } from '../../../protocol/policy.ts';
import { registerJsonSchema } from './body-schemas.ts';
import { monaco } from './monaco-setup.ts';

export interface EditorMarker {
  readonly from: number;
  readonly to: number;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'info';
}

export interface CodeEditorProps {
  value: string;
  onChange(v: string): void;
  /** The editor model's file name (one model per editor), e.g. guide.schema.json */
  fileName: string;
  language: 'json' | 'plaintext';
  /** JSON only: the schema the text is validated and completed against ('policy': the RuntimePolicy's). */
  schema?: 'policy';
  markers: readonly EditorMarker[];
  /** The accessible name (the editor's visible label). */
  label: string;
  theme: 'light' | 'dark';
  height?: number;
}

let policySchema: Record<string, unknown> | undefined;

const SEVERITY = { error: 8, warning: 4, info: 2 } as const;

export default function CodeEditor(p: CodeEditorProps) {
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  useEffect(() => {
    if (p.schema !== 'policy') return;
    policySchema ??= policyJsonSchema();
    registerJsonSchema(p.fileName, policySchema);
  }, [p.fileName, p.schema]);
  const { markers } = p;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the text changes the model, the markers follow it
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const len = model.getValueLength();
    monaco.editor.setModelMarkers(
      model,
      'axplay-lint',
      markers.map((m) => {
        const a = model.getPositionAt(Math.min(m.from, len));
        const b = model.getPositionAt(Math.min(Math.max(m.to, m.from + 1), len));
        return {
          startLineNumber: a.lineNumber,
          startColumn: a.column,
          endLineNumber: b.lineNumber,
          endColumn: b.column,
          message: m.message,
          severity: SEVERITY[m.severity],
        };
      }),
    );
  }, [markers, p.value]);
  return (
    <div className="code-editor" data-testid={`editor-${p.label.toLowerCase()}`} style={{ height: p.height ?? 220 }}>
      <Editor
        height="100%"
        language={p.language}
        path={p.fileName}
        value={p.value}
        theme={p.theme === 'dark' ? 'vs-dark' : 'vs'}
        onChange={(v) => p.onChange(v ?? '')}
        onMount={(ed) => {
          editorRef.current = ed;
        }}
        options={{
          minimap: { enabled: false },
          automaticLayout: true,
          fontSize: 12,
          lineNumbers: 'off',
          folding: p.language === 'json',
          scrollBeyondLastLine: false,
          wordWrap: 'on',
          ariaLabel: p.label,
        }}
        loading={<span className="hint">Loading the editor…</span>}
      />
    </div>
  );
}
