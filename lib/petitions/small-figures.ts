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

/** Each row's `count` as shown: unchanged for an ordinary petition; for an at-risk one, null with `fewerThan` below the threshold. */
export function maskSmallFigures<T extends { count: number }>(
  rows: T[],
  atRisk: boolean,
  threshold = smallFigureThreshold(),
): (Omit<T, 'count'> & ShownFigure)[] {
  if (!atRisk) return rows;
  return rows.map((r) => (r.count < threshold ? { ...r, count: null, fewerThan: threshold } : r));
}
