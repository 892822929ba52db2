/**
 * The data layer of the front ends: TanStack Query. Every React root (the shell, each remote) gets its
 * own QueryClient from AppProviders; `@tanstack/react-query` is bundled per front end, not a Module
 * Federation shared module (no provider of one bundle is ever read by hooks of another).
 *
 * Conventions: one query-key factory per feature (`contactKeys.list(query)`, `dealKeys.detail(id)`…),
 * query functions pass TanStack's AbortSignal to axios, writes go through `useMutation` and invalidate
 * the feature's keys when they settle.
 */
import { QueryClient } from '@tanstack/react-query';

/** How long shared look-ups (members directory, tag suggestions…) stay fresh: fetched once per remote. */
export const LOOKUP_STALE_TIME = 5 * 60_000;

/**
 * A QueryClient with the behaviour the screens had before TanStack Query: no automatic retry (an error
 * is shown at once, with a "Réessayer" button) and no refetch when the window regains focus.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** What the list and record bodies (ListBody, RecordBody, pageAfterEnd) need to know of a request. */
export interface LoadState<T> {
  data: T | undefined;
  /** The last error; undefined while a new request runs. */
  error: unknown;
  /** A request is running (first load, new key, or refresh). */
  loading: boolean;
  /** Fetches again. */
  reload: () => void;
}

/** The fields of a query result (useQuery, useInfiniteQuery) a LoadState is made of. */
export interface QueryLike<T> {
  data: T;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

/** The LoadState of a query. */
export function queryState<T>(query: QueryLike<T>): LoadState<Exclude<T, undefined>> {
  return {
    data: query.data as Exclude<T, undefined> | undefined,
    error: query.isFetching ? undefined : (query.error ?? undefined),
    loading: query.isFetching,
    reload: query.refetch as () => void,
  };
}
