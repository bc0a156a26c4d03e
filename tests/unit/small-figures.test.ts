import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskSmallFigures } from '@/lib/petitions/small-figures';

type Shown = { key: string; count: number | null; fewerThan?: number };
const total = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
/** What an observer learns of each hidden figure from the public total minus the shown figures. */
const derivable = (rows: { key: string; count: number }[], shown: Shown[]) => {
  const hidden = shown.filter((r) => r.count === null);
  const rest = total(rows) - shown.reduce((n, r) => n + (r.count ?? 0), 0);
  return hidden.length === 1 ? { [hidden[0]!.key]: rest } : null;
};

test('one small country is never the total minus the shown ones: the next smallest is hidden too, under a true bound', () => {
  const rows = [
    { key: 'IR', count: 12 },
    { key: 'DE', count: 3 },
    { key: 'FR', count: 40 },
  ];
  const shown = maskSmallFigures(rows, true, 10) as Shown[];
  assert.deepEqual(shown, [
    { key: 'IR', count: null, fewerThan: 20 },
    { key: 'DE', count: null, fewerThan: 10 },
    { key: 'FR', count: 40 },
  ]);
  assert.equal(derivable(rows, shown), null);
  for (const r of shown) if (r.count === null) assert.ok(rows.find((x) => x.key === r.key)!.count < r.fewerThan, `${r.key}: the bound is true`);
});

test('two or more small countries hide only themselves; none small or an ordinary petition changes nothing', () => {
  const two = [
    { key: 'IR', count: 12 },
    { key: 'DE', count: 3 },
    { key: 'SE', count: 4 },
  ];
  assert.deepEqual(maskSmallFigures(two, true, 10), [
    { key: 'IR', count: 12 },
    { key: 'DE', count: null, fewerThan: 10 },
    { key: 'SE', count: null, fewerThan: 10 },
  ]);
  const big = [
    { key: 'IR', count: 12 },
    { key: 'DE', count: 30 },
  ];
  assert.deepEqual(maskSmallFigures(big, true, 10), big);
  assert.deepEqual(
    maskSmallFigures(
      [
        { key: 'DE', count: 3 },
        { key: 'IR', count: 10 },
      ],
      false,
      10,
    ),
    [
      { key: 'DE', count: 3 },
      { key: 'IR', count: 10 },
    ],
  );
  // Exactly at a multiple of the threshold: "fewer than" the next one.
  assert.deepEqual(
    maskSmallFigures(
      [
        { key: 'DE', count: 6 },
        { key: 'IR', count: 20 },
      ],
      true,
      10,
    ),
    [
      { key: 'DE', count: null, fewerThan: 10 },
      { key: 'IR', count: null, fewerThan: 30 },
    ],
  );
});

test("no hidden figure can be narrowed to fewer than half the threshold's values by a reader who knows the rule; else the small countries go unnamed", () => {
  // DE 3 beside IR 20 ("fewer than 30", so at least 20): 23 − IR ≤ 3 would tell DE is 1, 2 or 3.
  assert.deepEqual(
    maskSmallFigures(
      [
        { key: 'DE', count: 3 },
        { key: 'IR', count: 20 },
      ],
      true,
      10,
    ),
    [{ key: 'IR', count: 20 }],
  );
  // FR 40, IR 10, DE 1: with DE and IR hidden, IR ≥ 10 and IR + DE = 11 give IR = 10 and DE = 1; hiding FR
  // too ("fewer than 50", so at least 40) still pins them. DE goes unnamed; IR and FR are shown exactly.
  assert.deepEqual(
    maskSmallFigures(
      [
        { key: 'FR', count: 40 },
        { key: 'IR', count: 10 },
        { key: 'DE', count: 1 },
      ],
      true,
      10,
    ),
    [
      { key: 'FR', count: 40 },
      { key: 'IR', count: 10 },
    ],
  );
  // Two small countries of 1 and 3: each would be known to be at most 3. Neither is named.
  assert.deepEqual(
    maskSmallFigures(
      [
        { key: 'IR', count: 3 },
        { key: 'DE', count: 1 },
      ],
      true,
      10,
    ),
    [],
  );
});

test('a lone small country is not listed at all: the public total would be its figure', () => {
  const rows = [{ key: 'IR', count: 3 }];
  const shown = maskSmallFigures(rows, true, 10) as Shown[];
  assert.deepEqual(shown, []);
  // Two small countries and nothing else, with room between them: each stays "fewer than", neither derivable.
  const two = [
    { key: 'IR', count: 5 },
    { key: 'DE', count: 4 },
  ];
  const shownTwo = maskSmallFigures(two, true, 10) as Shown[];
  assert.equal(shownTwo.length, 2);
  assert.equal(derivable(two, shownTwo), null);
  // A lone country at or above the threshold is shown as it is (the total says as much).
  assert.deepEqual(maskSmallFigures([{ key: 'IR', count: 10 }], true, 10), [{ key: 'IR', count: 10 }]);
});
