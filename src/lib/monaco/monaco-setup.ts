// Monaco, bundled offline (no CDN): the slim editor core with the JSON language, its workers built by Vite, and
// the request schemas from protocol/ for IntelliSense and validation. Only src/lib/monaco/ imports Monaco.
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import { z } from 'zod';
import { chatCompletionRequestSchema } from '../../../protocol/chat.ts';
import { completionRequestSchema } from '../../../protocol/completions.ts';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  enableSchemaRequest: false,
  schemas: [
    {
      uri: 'inmemory://axplay/chat-completions.json',
      fileMatch: ['*chat-completions.json'],
      schema: schema(chatCompletionRequestSchema),
    },
    {
      uri: 'inmemory://axplay/completions.json',
      fileMatch: ['*v1-completions.json'],
      schema: schema(completionRequestSchema),
    },
  ],
});

loader.config({ monaco });

export { monaco };
