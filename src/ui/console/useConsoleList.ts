import { useEffect, useState } from 'react';
import type { ApiError } from '../../shared/api/errors.js';
import { adminCall } from './consoleApi.js';
import { useOverview } from './overviewStore.js';

/**
 * One console list (conflicts, duplicates) for a status filter. It reloads
 * when the filter changes, after a decision (`changed`), and when the
 * overview's open count moves (something new arrived from a branch).
 * A reply for an older filter is dropped.
 */
export function useConsoleList<T>(path: string, filter: string, openCount: number | undefined): { items: T[] | null; error: ApiError | null; changed(): void } {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    void adminCall<T[]>(`${path}?status=${filter}`).then((result) => {
      if (!current) return;
      if (result.ok) {
        setItems(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [path, filter, reload, openCount]);

  const changed = () => {
    setReload((n) => n + 1);
    void useOverview.getState().refresh();
  };
  return { items, error, changed };
}
