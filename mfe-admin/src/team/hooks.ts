/** Data-fetching and input hooks of the team page. */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface RemoteData<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches again with the same key. */
  reload: () => void;
  /** Replaces the data locally (after a mutation that returned the new record). */
  setData: (update: (data: T | undefined) => T | undefined) => void;
}

interface RemoteState<T> {
  data: T | undefined;
  error: unknown;
  /** Request (key + reload count) whose answer `data`/`error` come from. */
  settled: string | undefined;
}

/**
 * Fetches `load` whenever `key` changes (nothing while `key` is null). The previous request is aborted
 * and its late answer ignored, so a slow response can never overwrite a newer one. Data of the previous
 * key stays visible while the next one loads.
 */
export function useRemoteData<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): RemoteData<T> {
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const [state, setState] = useState<RemoteState<T>>({ data: undefined, error: undefined, settled: undefined });
  const [nonce, setNonce] = useState(0);
  const request = key === null ? null : `${nonce}:${key}`;

  useEffect(() => {
    if (request === null) return;
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, settled: request });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ data: s.data, error, settled: request }));
      },
    );
    return () => controller.abort();
  }, [request]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback(
    (update: (data: T | undefined) => T | undefined) => setState((s) => ({ ...s, data: update(s.data) })),
    [],
  );
  const loading = request !== null && state.settled !== request;
  // While a new request runs, the previous error is no longer relevant.
  return { data: state.data, error: loading ? undefined : state.error, loading, reload, setData };
}

/** `value`, once it has not changed for `delay` ms. */
export function useDebouncedValue<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}
