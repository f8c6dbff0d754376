// A built-in vector's dose–response as a small chart: its measure's mean at each tested strength (the line), the
// same measure under random directions of the same norm at the control strength (the grey dots: what an effect must
// stand out from), the unsteered level (dashed) and the slider's strength (the vertical marker).
import type { SteeringEvidence } from '../../../protocol/steering.ts';

const W = 260;
const H = 130;
const PAD = { l: 34, r: 8, t: 8, b: 22 };

const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(2));

/** Dots of radius r at (x, each y), as one path (two half-circle arcs a dot). */
const dots = (x: number, ys: readonly number[], r: number) =>
  ys
    .map((y) => `M${(x - r).toFixed(1)},${y.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`)
    .join('');

export function DoseChart({ evidence, strength }: { evidence: SteeringEvidence; strength: number }) {
  const d = evidence.dose;
  if (d.length < 2) return null;
  const base = d.find((x) => x.strength === 0)?.value ?? 0;
  const controls = evidence.control_effects.map((e) => base + e);
  const xs = d.map((x) => x.strength);
  const ys = [...d.map((x) => x.value), ...controls, 0];
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const y1 = Math.max(...ys) || 1;
  const sx = (x: number) => PAD.l + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.l - PAD.r);
  const sy = (y: number) => H - PAD.b - (y / y1) * (H - PAD.t - PAD.b);
  const path = d.map((p, i) => `${i ? 'L' : 'M'}${sx(p.strength).toFixed(1)},${sy(p.value).toFixed(1)}`).join(' ');
  const at = Math.max(x0, Math.min(x1, strength));
  const summary = `Dose–response: ${evidence.measure} goes from ${fmt(base)} at strength 0 to ${fmt(
    d.find((x) => x.strength === evidence.control_strength)?.value ?? Number.NaN,
  )} at ${evidence.control_strength}; random directions at ${evidence.control_strength} give ${fmt(
    Math.min(...controls),
  )}–${fmt(Math.max(...controls))}.`;
  return (
    <figure className="dose-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        <line className="axis" x1={PAD.l} x2={W - PAD.r} y1={sy(0)} y2={sy(0)} />
        <line className="axis" x1={PAD.l} x2={PAD.l} y1={PAD.t} y2={H - PAD.b} />
        <line className="baseline" x1={PAD.l} x2={W - PAD.r} y1={sy(base)} y2={sy(base)} />
        <path className="control" d={dots(sx(evidence.control_strength), controls.map(sy), 2.2)} />
        <path className="dose" d={path} />
        {d.map((p) => (
          <circle key={p.strength} className="dose-point" cx={sx(p.strength)} cy={sy(p.value)} r={2.4} />
        ))}
        <line className="marker" x1={sx(at)} x2={sx(at)} y1={PAD.t} y2={H - PAD.b} />
        <text x={PAD.l - 4} y={sy(y1) + 8} textAnchor="end">
          {fmt(y1)}
        </text>
        <text x={PAD.l - 4} y={sy(0)} textAnchor="end">
          0
        </text>
        {[x0, 0, x1].map((x) => (
          <text key={x} x={sx(x)} y={H - 6} textAnchor="middle">
            {x}
          </text>
        ))}
      </svg>
      <figcaption className="hint">
        Strength → {evidence.measure}. Line: this vector ({evidence.n_samples ?? '?'} samples per point); grey dots:
        random directions at {evidence.control_strength}; dashed: unsteered; bar: your strength.
      </figcaption>
    </figure>
  );
}
