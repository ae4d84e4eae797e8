/** The one Decimal configuration of the engine: exact arithmetic, half-up rounding for display. */
import Decimal from 'decimal.js';

export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export const ZERO = new D(0);
export const HUNDRED = new D(100);

/** Round half-up to `dp` places for display ("1234.56", "91.30"). Never used to decide a comparison. */
export function fixed(x: Decimal, dp = 2): string {
  return new D(x).toFixed(dp, Decimal.ROUND_HALF_UP);
}

/** Amounts as reports write them: 2 decimals, no thousands separator ("1234.56"). */
export function money(x: Decimal): string {
  return fixed(x, 2);
}

/** Percentage points as reports write them ("91.30%"). */
export function percent(points: Decimal): string {
  return `${fixed(points, 2)}%`;
}

export function sum(xs: Decimal[]): Decimal {
  return xs.reduce<Decimal>((a, b) => a.plus(b), ZERO);
}
