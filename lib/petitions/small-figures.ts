import { getEnv } from '@/lib/env';

// An at-risk petition never shows how many people of one country signed when they are few: three
// signers in one country would otherwise be three people someone can go looking for. Below the
// threshold (AT_RISK_FIGURE_THRESHOLD, default 10) a figure is shown only as "fewer than N".

/** A figure as an at-risk petition shows it: exact from the threshold up, otherwise only "fewer than `fewerThan`". */
export type ShownFigure = { count: number; fewerThan?: undefined } | { count: null; fewerThan: number };

/** The threshold under which an at-risk petition's per-country figures are not shown exactly. */
export function smallFigureThreshold(): number {
  return getEnv().atRiskFigureThreshold;
}

/** A hidden row as a reader who knows this rule sees it: its label's bounds (`low`..`high`, whole numbers). */
type Bounds = { low: number; high: number };

/**
 * Whether a reader who knows the labels' bounds and the hidden rows' sum (the public total minus the
 * shown figures) can narrow any hidden row to fewer than `minValues` possible figures: each row lies
 * between sum − (the others' highs) and sum − (the others' lows), within its own label.
 */
function narrowsAny(hidden: Bounds[], sum: number, minValues: number): boolean {
  const lows = hidden.reduce((n, b) => n + b.low, 0);
  const highs = hidden.reduce((n, b) => n + b.high, 0);
  return hidden.some((b) => {
    const low = Math.max(b.low, sum - (highs - b.high));
    const high = Math.min(b.high, sum - (lows - b.low));
    return high - low + 1 < minValues;
  });
}

/**
 * Each row's `count` as shown: unchanged for an ordinary petition; for an at-risk one, null with
 * `fewerThan` below the threshold. Complementary suppression, because the total is public: the hidden
 * rows' sum is the total minus the shown ones, so a reader who knows this rule bounds each hidden row
 * by it. While that would narrow any hidden row to fewer than half the threshold's possible figures
 * (one hidden row alone: exactly), the smallest shown row is hidden too, as "fewer than" the next
 * multiple of the threshold above it (a true bound). If hiding every row still narrows one, the small
 * rows are left out instead (their signers stay in the total, under no country's name) and the others
 * are shown exactly: the country is what must not be told. Rows are kept in their order.
 */
export function maskSmallFigures<T extends { count: number }>(
  rows: T[],
  atRisk: boolean,
  threshold = smallFigureThreshold(),
): (Omit<T, 'count'> & ShownFigure)[] {
  if (!atRisk) return rows;
  const fewerThan = (r: T) => (Math.floor(r.count / threshold) + 1) * threshold;
  const bounds = (r: T): Bounds => (r.count < threshold ? { low: 1, high: threshold - 1 } : { low: fewerThan(r) - threshold, high: fewerThan(r) - 1 });
  const hidden = new Set(rows.filter((r) => r.count < threshold));
  if (hidden.size === 0) return rows;
  const byCount = rows.filter((r) => !hidden.has(r)).sort((x, y) => x.count - y.count);
  const minValues = Math.ceil(threshold / 2);
  const sumOf = () => [...hidden].reduce((n, r) => n + r.count, 0);
  while (narrowsAny([...hidden].map(bounds), sumOf(), minValues)) {
    const next = byCount.shift();
    if (!next) return rows.filter((r) => r.count >= threshold);
    hidden.add(next);
  }
  return rows.map((r) => (hidden.has(r) ? { ...r, count: null, fewerThan: fewerThan(r) } : r));
}
