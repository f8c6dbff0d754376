// The request body as JSON in Monaco (loaded lazily, only when "Edit as JSON" is opened). One model per file name;
// the route's request schema (from protocol/) drives IntelliSense and validation. Reads no app state: all props.
import './monaco-setup.ts';
import Editor from '@monaco-editor/react';
import { useEffect } from 'react';
import type { z } from 'zod';
import { registerBodySchema } from './body-schemas.ts';

export interface JsonBodyEditorProps {
  value: string;
  onChange(v: string): void;
  /** The editor model's file name, e.g. body.chat.json (one model per route). */
  fileName: string;
  /** The route's request body schema. */
  schema?: z.ZodType;
  theme: 'light' | 'dark';
}

export default function JsonBodyEditor({ value, onChange, fileName, schema, theme }: JsonBodyEditorProps) {
  useEffect(() => {
    if (schema) registerBodySchema(fileName, schema);
  }, [fileName, schema]);
  return (
    <div
      data-testid="json-editor"
      style={{ height: 260, border: '1px solid var(--border)', borderRadius: 6, marginTop: 8 }}
    >
      <Editor
        height="100%"
        defaultLanguage="json"
        path={fileName}
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
