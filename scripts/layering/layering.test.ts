// The layering rules of .dependency-cruiser.cjs are real: the project passes them, and a small tree that breaks
// each rule once is caught, rule by rule (so `npm test` fails when a layer is crossed).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs')) as {
  forbidden: { name: string }[];
};

async function violations(baseDir: string, dirs: string[]): Promise<string[]> {
  const r = await cruise(dirs, {
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden } as never,
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
  });
  const out = r.output as ICruiseResult;
  return out.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

/** A throwaway tree: file path → content. */
const tmp = mkdtempSync(join(tmpdir(), 'axplay-layers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, 't-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

describe('layering', () => {
  it('the project passes every rule', async () => {
    expect(await violations(ROOT, ['src', 'server', 'engine', 'protocol', 'scripts', 'e2e'])).toEqual([]);
  }, 60_000);

  const cases: [rule: string, files: Record<string, string>][] = [
    [
      'panel-imports-another-panel',
      {
        'src/panels/a/a.ts': "import { b } from '../b/b.ts';\nexport const a = b;\n",
        'src/panels/b/b.ts': 'export const b = 1;\n',
      },
    ],
    [
      'panel-imports-app',
      {
        'src/panels/a/a.ts': "import { x } from '../../app/x.ts';\nexport const a = x;\n",
        'src/app/x.ts': 'export const x = 1;\n',
      },
    ],
    [
      'engine-core-imports-node',
      { 'engine/core.ts': "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n" },
    ],
    [
      'engine-core-imports-tools',
      {
        'engine/evaluate.ts': "import { w } from './train/w.ts';\nexport const e = w;\n",
        'engine/train/w.ts': 'export const w = 1;\n',
      },
    ],
    [
      'browser-imports-server-side',
      {
        'src/api/x.ts': "import { s } from '../../server/s.ts';\nexport const x = s;\n",
        'server/s.ts': 'export const s = 1;\n',
      },
    ],
    [
      // the lint's exception is for the constraint compilers only: a panel may not import them
      'browser-imports-server-side',
      {
        'src/panels/a/a.ts': "import { c } from '../../../engine/constraints/c.ts';\nexport const a = c;\n",
        'engine/constraints/c.ts': 'export const c = 1;\n',
      },
    ],
    [
      // … and the lint may not reach the rest of the engine, even through a constraint file
      'guide-lint-reaches-beyond-constraints',
      {
        'src/guide/lint/l.ts': "import { c } from '../../../engine/constraints/c.ts';\nexport const l = c;\n",
        'engine/constraints/c.ts': "import { m } from '../model.ts';\nexport const c = m;\n",
        'engine/model.ts': 'export const m = 1;\n',
      },
    ],
    [
      'guide-lint-reaches-beyond-constraints',
      {
        'src/guide/lint/l.ts': "import { s } from '../../../server/s.ts';\nexport const l = s;\n",
        'server/s.ts': 'export const s = 1;\n',
      },
    ],
    [
      'protocol-imports-ours',
      {
        'protocol/p.ts': "import { s } from '../server/s.ts';\nexport const p = s;\n",
        'server/s.ts': 'export const s = 1;\n',
      },
    ],
    [
      'lib-imports-app-state',
      {
        'src/lib/monaco/e.ts': "import { s } from '../../store/s.ts';\nexport const e = s;\n",
        'src/store/s.ts': 'export const s = 1;\n',
      },
    ],
  ];

  for (const [rule, files] of cases) {
    it(`catches ${rule}`, async () => {
      const dir = tree(files);
      const v = await violations(
        dir,
        ['src', 'server', 'engine', 'protocol'].filter((d) => Object.keys(files).some((f) => f.startsWith(`${d}/`))),
      );
      expect(v.map((x) => x.split(':')[0])).toEqual([rule]);
    });
  }

  it('allows what the layers allow: a panel importing the store, the engine core importing itself', async () => {
    const dir = tree({
      'src/panels/a/a.ts':
        "import { s } from '../../store/s.ts';\nimport { f } from '../../components/ui/f.ts';\nexport const a = s + f;\n",
      'src/store/s.ts': 'export const s = 1;\n',
      'src/components/ui/f.ts': 'export const f = 1;\n',
      'engine/a.ts': "import { b } from './b.ts';\nexport const a = b;\n",
      'engine/b.ts': 'export const b = 1;\n',
      'engine/train/t.ts':
        "import { readFileSync } from 'node:fs';\nimport { a } from '../a.ts';\nexport const t = [readFileSync, a];\n",
    });
    expect(await violations(dir, ['src', 'engine'])).toEqual([]);
  });

  it('allows the browser lint to compile constraints: src/guide/lint importing engine/constraints', async () => {
    const dir = tree({
      'src/guide/lint/l.ts':
        "import { c } from '../../../engine/constraints/c.ts';\nimport { t } from '../../../engine/tokenizer.ts';\nexport const l = c + t;\n",
      'src/guide/lint/l.test.ts': "import { m } from '../../../engine/model.ts';\nexport const x = m;\n",
      'engine/constraints/c.ts': "import { e } from '../errors.ts';\nexport const c = e;\n",
      'engine/errors.ts': 'export const e = 1;\n',
      'engine/tokenizer.ts': 'export const t = 1;\n',
      'engine/model.ts': 'export const m = 1;\n',
    });
    expect(await violations(dir, ['src', 'engine'])).toEqual([]);
  });
});
