/** State, data and permission hooks of the activities page. */
import { useCallback, useMemo, useState, type SetStateAction } from 'react';
import { useAbility, useRemoteData, useSession, useUrlState } from '@digiweb/shared-ui';
import { subject, type ActivityDto } from '@digiweb/api/contracts';
import { listActivities } from './api';
import { filtersKey, URL_CODEC, type ActivitiesView, type ActivityFilters } from './query';

/** The page's state in the URL, with a setter per part. */
export function useActivitiesUrlState() {
  const [state, setState] = useUrlState(URL_CODEC);
  const setFilters = useCallback(
    (update: SetStateAction<ActivityFilters>) =>
      setState((s) => {
        const filters = typeof update === 'function' ? update(s.filters) : update;
        return filters === s.filters ? s : { ...s, filters };
      }),
    [setState],
  );
  const setView = useCallback((view: ActivitiesView) => setState((s) => (s.view === view ? s : { ...s, view })), [setState]);
  const setMonth = useCallback((month: string) => setState((s) => (s.month === month ? s : { ...s, month })), [setState]);
  const setOpenId = useCallback((openId: string | null) => setState((s) => (s.openId === openId ? s : { ...s, openId })), [setState]);
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

interface Loaded {
  /** Filters + version the items were loaded for. */
  key: string;
  pages: number;
  items: ActivityDto[];
  total: number;
}

/**
 * The timeline's activities, page after page ("Charger plus"), from the server. Changing the filters or
 * calling `refresh` starts again from the first page; `replace` / `remove` edit the loaded list locally.
 */
export function useTimeline(filters: ActivityFilters) {
  const [version, setVersion] = useState(0);
  const key = `${filtersKey(filters)}#${version}`;
  const [wanted, setWanted] = useState({ key, pages: 1 });
  const pages = wanted.key === key ? wanted.pages : 1;
  const page = useRemoteData(`${key}:${pages}`, (signal) =>
    listActivities(filters, { page: pages, pageSize: TIMELINE_PAGE_SIZE }, signal),
  );
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  // Fold each page into the list once it has arrived (during render: no flash of the old list).
  const current = loaded?.key === key ? loaded : null;
  if (!page.loading && page.error === undefined && page.data && (current?.pages ?? 0) < pages) {
    const before = pages === 1 ? [] : (current?.items ?? []);
    const seen = new Set(before.map((a) => a.id));
    setLoaded({ key, pages, items: [...before, ...page.data.items.filter((a) => !seen.has(a.id))], total: page.data.total });
  }

  const loadMore = useCallback(() => setWanted({ key, pages: pages + 1 }), [key, pages]);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const replace = useCallback(
    (a: ActivityDto) => setLoaded((l) => l && { ...l, items: l.items.map((x) => (x.id === a.id ? a : x)) }),
    [],
  );
  const remove = useCallback(
    (id: string) => setLoaded((l) => l && { ...l, items: l.items.filter((x) => x.id !== id), total: l.total - 1 }),
    [],
  );

  return {
    /** The list of these filters; while it loads, the previous one. */
    items: current?.items ?? loaded?.items,
    total: current?.total ?? loaded?.total,
    /** First page of these filters loading. */
    loading: !current && page.loading,
    loadingMore: Boolean(current) && page.loading,
    hasMore: current ? current.items.length < current.total : false,
    error: page.error,
    retry: page.reload,
    loadMore,
    refresh,
    replace,
    remove,
  };
}
