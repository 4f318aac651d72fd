/**
 * Marks the document with the takenAt of the snapshot just committed, so a benchmark or test can
 * wait for `data-snapshot-at` and know the DOM reflects that snapshot.
 */
import { useLayoutEffect } from 'react';

export function useSnapshotMarker(takenAt: string | undefined): void {
  useLayoutEffect(() => {
    if (takenAt) document.documentElement.dataset.snapshotAt = takenAt;
  }, [takenAt]);
}
