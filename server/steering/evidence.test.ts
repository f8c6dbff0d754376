import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTINS } from '../../engine/steering/builtin/catalog.ts';
import { measureValue } from '../../protocol/steering-measure.ts';
import { evidenceOf } from './evidence.ts';

const TEXTS = [
  '',
  'Emma said, "Oh! What a day!" and laughed.',
  '{"name": "Anne", "age": 27, "tags": ["a", "b"]}',
  'Is it? Surely not?! Well…',
  'Plain narration without any marks at all',
];

describe('the measure as data', () => {
  it('scores text exactly as the engine catalog measure does, for every built-in that has one', () => {
    const withSpec = BUILTINS.filter((b) => b.measureSpec);
    expect(withSpec.map((b) => b.name)).toEqual(expect.arrayContaining(['json', 'exclamation']));
    for (const b of withSpec)
      for (const t of TEXTS) expect(measureValue(b.measureSpec as never, t), `${b.name}: ${t}`).toBe(b.measure('', t));
  });
});

describe('evidenceOf', () => {
  it('reads the shipped json vector’s measurements into a sorted dose–response with its controls', () => {
    const file = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../models/austen-mini/steering/json.json'), 'utf8'),
    );
    const e = evidenceOf('json', file.measurements);
    expect(e).not.toBeNull();
    if (!e) return;
    expect(e.measure_spec).toEqual({ kind: 'char_fraction', chars: '{}[]":,' });
    expect(e.dose.map((d) => d.strength)).toEqual([...e.dose.map((d) => d.strength)].sort((a, b) => a - b));
    expect(e.dose.find((d) => d.strength === 2)?.value).toBeCloseTo(file.measurements.m['2'], 9);
    expect(e.control_effects.length).toBe(file.measurements.control_effects.length);
    expect(e.auc_heldout).toBe(1);
  });

  it('is null for measurements that do not read, and has no spec for a name outside the catalog', () => {
    expect(evidenceOf('json', undefined)).toBeNull();
    expect(evidenceOf('json', { measure: 'x', m: { '1': 'a' } })).toBeNull();
    expect(evidenceOf('probe', { measure: 'x', m: { '0': 1, '2': 3 } })?.measure_spec).toBeNull();
  });
});
