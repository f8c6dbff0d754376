import type { NumericRange } from '../../../protocol/limits.ts';

const optNum = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v));

/** A number field where empty means "not sent"; its range comes from the protocol's limits. */
export function OptionalNumber(props: {
  id: string;
  range: NumericRange;
  value?: number;
  placeholder: string;
  onChange(v: number | undefined): void;
}) {
  const { onChange, value, range, ...rest } = props;
  return (
    <input
      type="number"
      {...rest}
      min={range.exclusiveMin ? range.min + range.step : range.min}
      max={range.max}
      step={range.step}
      value={value ?? ''}
      onChange={(e) => onChange(optNum(e.target.value))}
    />
  );
}
