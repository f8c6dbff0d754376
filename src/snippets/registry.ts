// Every snippet target, in the order the UI lists them. Adding a target: one file in targets/ and one line here.
import { curl } from './targets/curl.ts';
import { javascriptFetch } from './targets/javascript-fetch.ts';
import { javascriptOpenai } from './targets/javascript-openai.ts';
import { pythonMechanex } from './targets/python-mechanex.ts';
import { pythonOpenai } from './targets/python-openai.ts';
import type { SnippetTarget } from './types.ts';

export const SNIPPET_TARGETS: readonly SnippetTarget[] = [
  curl,
  pythonMechanex,
  pythonOpenai,
  javascriptOpenai,
  javascriptFetch,
];

export function snippetTarget(id: string): SnippetTarget | undefined {
  return SNIPPET_TARGETS.find((t) => t.id === id);
}
