// The request body as JSON in Monaco (loaded lazily, only when "Edit as JSON" is opened). One model per path.
import './monaco-setup.ts';
import Editor from '@monaco-editor/react';
import { useStore } from '../../store/store.ts';

export interface JsonBodyEditorProps {
  value: string;
  onChange(v: string): void;
  /** The API path, which picks the JSON Schema used for IntelliSense. */
  path: string;
}

export default function JsonBodyEditor({ value, onChange, path }: JsonBodyEditorProps) {
  const theme = useStore((s) => s.theme);
  const file = path === '/v1/chat/completions' ? 'body.chat-completions.json' : 'body.v1-completions.json';
  return (
    <div
      data-testid="json-editor"
      style={{ height: 260, border: '1px solid var(--border)', borderRadius: 6, marginTop: 8 }}
    >
      <Editor
        height="100%"
        defaultLanguage="json"
        path={file}
        value={value}
        theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        onChange={(v) => onChange(v ?? '')}
        options={{
          minimap: { enabled: false },
          automaticLayout: true,
          fontSize: 12,
          scrollBeyondLastLine: false,
          ariaLabel: 'Request body (JSON)',
        }}
        loading={<span className="hint">Loading the editor…</span>}
      />
    </div>
  );
}
