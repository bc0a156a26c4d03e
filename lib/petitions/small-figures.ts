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

/**
 * Each row's `count` as shown: unchanged for an ordinary petition; for an at-risk one, null with
 * `fewerThan` below the threshold. Secondary suppression: the total is public, so a single hidden
 * figure would be the total minus the shown ones; when exactly one row is under the threshold, the
 * smallest of the others is hidden too, as "fewer than" the next multiple of the threshold above it
 * (a true bound), so the difference is the sum of two figures neither of which it gives. A small row
 * that is the only row (every signer in one country, fewer than the threshold) is left out: the public
 * total would be its figure, and the country is what must not be told.
 */
export function maskSmallFigures<T extends { count: number }>(
  rows: T[],
  atRisk: boolean,
  threshold = smallFigureThreshold(),
): (Omit<T, 'count'> & ShownFigure)[] {
  if (!atRisk) return rows;
  const small = rows.filter((r) => r.count < threshold);
  let alsoHidden: T | undefined;
  if (small.length === 1) {
    for (const r of rows) if (r.count >= threshold && (!alsoHidden || r.count < alsoHidden.count)) alsoHidden = r;
    // Nothing to hide it with: its figure is the total, so the row itself goes.
    if (!alsoHidden) return [];
  }
  return rows.map((r) => {
    if (r.count < threshold) return { ...r, count: null, fewerThan: threshold };
    if (r === alsoHidden) return { ...r, count: null, fewerThan: (Math.floor(r.count / threshold) + 1) * threshold };
    return r;
  });
}
