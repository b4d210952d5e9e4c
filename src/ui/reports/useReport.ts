import { useEffect, useRef, useState } from 'react';
import type { InputOf, Method, OutputOf } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import { call } from '../app/api.js';

export interface Loaded<M extends Method> {
  data: OutputOf<M> | null;
  error: ApiError | null;
  loading: boolean;
}

/**
 * Calls a report procedure whenever its input changes. The work runs in the
 * branch core (another process), so the window stays responsive; a reply
 * to an older request is dropped when a newer one is already on its way.
 */
export function useReport<M extends Method>(method: M, input: InputOf<M> | null, version = 0): Loaded<M> {
  const [state, setState] = useState<Loaded<M>>({ data: null, error: null, loading: input !== null });
  const latest = useRef(0);
  const key = JSON.stringify(input);
  useEffect(() => {
    if (input === null) return;
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    void call(method, input).then((result) => {
      if (ticket !== latest.current) return;
      setState(result.ok ? { data: result.value, error: null, loading: false } : { data: null, error: result.error, loading: false });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method, key, version]);
  return state;
}
