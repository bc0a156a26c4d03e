/** A copy of `list` with the item at `index` moved `by` places (−1 up, 1 down); the caller keeps `index + by` in range. */
export function moveItem<T>(list: readonly T[], index: number, by: number): T[] {
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(index + by, 0, item!);
  return next;
}

/**
 * The up, down and remove buttons of one row in an editable list (demands, targets): up disabled on the
 * first row, down on the last, remove when it is the only one. `labels` name the row for screen readers.
 */
export function RowControls({
  index,
  count,
  onMove,
  onRemove,
  labels,
}: {
  index: number;
  count: number;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  labels: { up: string; down: string; remove: string };
}) {
  return (
    <>
      <button type="button" className="button button-small" onClick={() => onMove(-1)} disabled={index === 0} aria-label={labels.up}>
        ↑
      </button>
      <button type="button" className="button button-small" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={labels.down}>
        ↓
      </button>
      <button type="button" className="button button-small" onClick={onRemove} disabled={count === 1} aria-label={labels.remove}>
        ✕
      </button>
    </>
  );
}
