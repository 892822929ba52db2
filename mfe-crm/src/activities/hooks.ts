/** State, data and permission hooks of the activities page. */
import { useCallback, useMemo } from 'react';
import { keepPreviousData, useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useAbility, useSession, useUrlState } from '@digiweb/shared-ui';
import { subject, type ActivityDto, type Paginated } from '@digiweb/api/contracts';
import { listActivities } from './api';
import { activityKeys } from './keys';
import { URL_CODEC, type ActivityFilters } from './query';
import { usePartSetter } from '../url-state';

/** The page's state in the URL, with a setter per part. */
export function useActivitiesUrlState() {
  const [state, setState] = useUrlState(URL_CODEC);
  const setFilters = usePartSetter(setState, 'filters');
  const setView = usePartSetter(setState, 'view');
  const setMonth = usePartSetter(setState, 'month');
  const setOpenId = usePartSetter(setState, 'openId');
  return { ...state, setFilters, setView, setMonth, setOpenId };
}

export interface ActivityPermissions {
  canCreate: boolean;
  /** Admins: create for another member, see and filter everybody's activities. */
  canAssign: boolean;
  canReadOthers: boolean;
  canUpdate: (a: ActivityDto) => boolean;
  canDelete: (a: ActivityDto) => boolean;
}

/** What the caller may do with activities, from the same rules as the API (which still enforces them). */
export function useActivityPermissions(): ActivityPermissions {
  const ability = useAbility();
  const { me } = useSession();
  const myId = me.user.id;
  return useMemo(() => {
    const ownedBy = (owner: string | null) => subject('Activity', { owner });
    const someoneElse = myId === '0'.repeat(24) ? '1'.repeat(24) : '0'.repeat(24);
    return {
      canCreate: ability.can('create', 'Activity'),
      canAssign: ability.can('assign', 'Activity'),
      canReadOthers: ability.can('read', ownedBy(someoneElse)),
      canUpdate: (a: ActivityDto) => ability.can('update', ownedBy(a.owner?.id ?? null)),
      canDelete: (a: ActivityDto) => ability.can('delete', ownedBy(a.owner?.id ?? null)),
    };
  }, [ability, myId]);
}

/** Activities per page of the timeline. */
export const TIMELINE_PAGE_SIZE = 20;

type Pages = InfiniteData<Paginated<ActivityDto>, number>;

/**
 * The timeline's activities, page after page ("Charger plus"), from the server: an infinite query per
 * filters (the previous list stays shown while new filters load). `refresh` fetches the loaded pages
 * again; `replace` / `remove` edit them locally.
 */
export function useTimeline(filters: ActivityFilters) {
  const queryClient = useQueryClient();
  const key = useMemo(() => activityKeys.timeline(filters), [filters]);
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ signal, pageParam }) =>
      listActivities(filters, { page: pageParam, pageSize: TIMELINE_PAGE_SIZE }, signal),
    initialPageParam: 1,
    getNextPageParam: (last, all) =>
      all.reduce((n, p) => n + p.items.length, 0) < last.total && last.items.length > 0 ? all.length + 1 : undefined,
    placeholderData: keepPreviousData,
  });
  const { data, refetch, fetchNextPage } = query;
  const items = useMemo(() => {
    if (!data) return undefined;
    const seen = new Set<string>();
    return data.pages.flatMap((p) => p.items).filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
  }, [data]);

  const edit = useCallback(
    (update: (items: ActivityDto[]) => ActivityDto[], totalDelta = 0) =>
      queryClient.setQueryData<Pages>(key, (d) =>
        d ? { ...d, pages: d.pages.map((p) => ({ ...p, items: update(p.items), total: p.total + totalDelta })) } : d,
      ),
    [queryClient, key],
  );
  const replace = useCallback((a: ActivityDto) => edit((items) => items.map((x) => (x.id === a.id ? a : x))), [edit]);
  const remove = useCallback((id: string) => edit((items) => items.filter((x) => x.id !== id), -1), [edit]);
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const refresh = useCallback(() => void refetch(), [refetch]);

  const total = data?.pages[data.pages.length - 1]?.total;
  return {
    /** The list of these filters; while it loads, the previous one. */
    items,
    total,
    /** First page of these filters loading. */
    loading: query.isPlaceholderData || (query.isFetching && !query.isFetchingNextPage && !data),
    loadingMore: query.isFetchingNextPage,
    hasMore: !query.isPlaceholderData && query.hasNextPage,
    error: query.isFetching ? undefined : (query.error ?? undefined),
    retry: refresh,
    loadMore,
    refresh,
    replace,
    remove,
  };
}
