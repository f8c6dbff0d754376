// Every target × fixture (the runs, the "create a vector" requests, the SAE runs and "create a behavior") rendered with the key from the environment,
// and compared with its stored expected file.
// UPDATE_SNIPPETS=1 (re)writes the files instead; review the diff before committing it.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SNIPPET_TARGETS, snippetTarget } from './registry.ts';
import { BEHAVIOR_CREATE_FIXTURES } from './testing/behavior-create-fixtures.ts';
import { FIXTURES } from './testing/fixtures.ts';
import { SAE_FIXTURES } from './testing/sae-fixtures.ts';
import { CREATE_FIXTURES } from './testing/steering-create-fixtures.ts';
import type { SnippetTarget } from './types.ts';

const DIR = join(import.meta.dirname, '__expected__');
const UPDATE = process.env.UPDATE_SNIPPETS === '1';
const RENDERED = [...FIXTURES, ...CREATE_FIXTURES, ...SAE_FIXTURES, ...BEHAVIOR_CREATE_FIXTURES];
const EXT: Record<SnippetTarget['language'], string> = { bash: 'sh', python: 'py', javascript: 'mjs' };

function expectedFile(fixture: string, target: SnippetTarget): string {
  return join(DIR, `${fixture}.${target.id}.${EXT[target.language]}`);
}

describe('the registry', () => {
  it('lists the five targets in order, with their labels', () => {
    expect(SNIPPET_TARGETS.map((t) => [t.id, t.label])).toEqual([
      ['curl', 'curl'],
      ['python-mechanex', 'Python (mechanex)'],
      ['python-openai', 'Python (OpenAI)'],
      ['javascript-openai', 'JavaScript (OpenAI)'],
      ['javascript-fetch', 'fetch'],
    ]);
    expect(snippetTarget('python-openai')?.language).toBe('python');
    expect(snippetTarget('nope')).toBeUndefined();
  });

  it('has an expected file for every target × fixture, and no stale ones', () => {
    const want = RENDERED.flatMap((f) => SNIPPET_TARGETS.map((t) => expectedFile(f.name, t))).map((p) =>
      p.slice(DIR.length + 1),
    );
    const have = existsSync(DIR) ? readdirSync(DIR).filter((n) => !n.startsWith('.') && n !== 'biome.json') : [];
    expect(have.sort()).toEqual(want.sort());
  });
});

describe.each(RENDERED)('$name', ({ name, req }) => {
  it.each(SNIPPET_TARGETS.map((t) => [t.id, t] as const))('%s matches its expected file', (_id, target) => {
    const file = expectedFile(name, target);
    const { code } = target.render(req, { keyMode: 'env' });
    if (UPDATE) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(file, code);
      return;
    }
    expect(existsSync(file), `${file} is missing: run UPDATE_SNIPPETS=1 npx vitest run src/snippets`).toBe(true);
    expect(code).toBe(readFileSync(file, 'utf8'));
  });
});
