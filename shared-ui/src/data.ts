/**
 * State hooks of the list screens: debounced values, list state kept in the URL's query string, and the
 * paging every server-paginated list shares. Remote data goes through TanStack Query (see query.ts).
 */
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';

/** `value`, once it has not changed for `delay` ms. */
export function useDebouncedValue<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/** How a screen's state round-trips through the URL's query string. Keep it a module-level constant. */
export interface UrlStateCodec<S> {
  /** Reads the state from the search params; anything malformed falls back to a default. */
  parse: (params: URLSearchParams) => S;
  /** Writes the state into the search params: only the keys the screen owns, default values omitted. */
  write: (params: URLSearchParams, state: S) => void;
  /** A stable key of the state, to tell a real change from the same state read again. */
  key: (state: S) => string;
}

const readParams = () => new URLSearchParams(window.location.search);

/**
 * State kept in the URL's query string (`?status=client&page=2`) so that a view can be shared or
 * reloaded. Uses `replaceState` (no history entry per keystroke) and follows URL changes made by others
 * (back/forward, sidebar link).
 */
export function useUrlState<S>(codec: UrlStateCodec<S>): [S, Dispatch<SetStateAction<S>>] {
  const [state, setState] = useState<S>(() => codec.parse(readParams()));

  useEffect(() => {
    const params = readParams();
    codec.write(params, state);
    const search = params.toString();
    const { pathname, hash } = window.location;
    const next = `${pathname}${search ? `?${search}` : ''}${hash}`;
    if (next !== `${pathname}${window.location.search}${hash}`) {
      window.history.replaceState(window.history.state, '', next);
    }
  }, [codec, state]);

  useEffect(() => {
    const onPopState = () => {
      const fromUrl = codec.parse(readParams());
      setState((current) => (codec.key(current) === codec.key(fromUrl) ? current : fromUrl));
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [codec]);

  return [state, setState];
}

/** Page sizes offered by every paginated list. */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** Position in a server-paginated list (1-based page). */
export interface Paging {
  page: number;
  pageSize: number;
}

function positiveInt(v: string | null, fallback: number, max: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

/** `page` and `pageSize` from the URL; anything malformed (or a size not offered) falls back to the default. */
export function readPaging(params: URLSearchParams): Paging {
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, 100);
  return {
    page: positiveInt(params.get('page'), 1, 100_000),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** Writes `page` and `pageSize` into the URL, omitting the defaults to keep it short. */
export function writePaging(params: URLSearchParams, { page, pageSize }: Paging): void {
  params.delete('page');
  params.delete('pageSize');
  if (page !== 1) params.set('page', String(page));
  if (pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(pageSize));
}

/**
 * The last page, when a settled list shows an empty page past its end (the last record of the last page
 * was deleted or left the filter); undefined otherwise. Screens move there, during render.
 */
export function pageAfterEnd(
  { data, loading }: { data: { items: unknown[]; total: number } | undefined; loading: boolean },
  { page, pageSize }: Paging,
): number | undefined {
  if (!data || loading || data.items.length > 0 || data.total === 0) return undefined;
  const lastPage = Math.max(1, Math.ceil(data.total / pageSize));
  return lastPage < page ? lastPage : undefined;
}
