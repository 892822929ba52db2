/**
 * State of the activities page kept in the URL's query string: the view (`?vue=timeline|calendrier`),
 * the filters, the calendar's month (`mois=2026-10`) and the activity whose drawer is open
 * (`activite=<id>`, the link of the reminder notifications).
 */
import type { UrlStateCodec } from '@digiweb/shared-ui';
import {
  ACTIVITY_PRIORITIES,
  ACTIVITY_SORTS,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  parisDayKey,
  parisStartOfDay,
  isObjectId,
  type ActivityPriority,
  type ActivitySort,
  type ActivityStatus,
  type ActivityType,
} from '@digiweb/api/contracts';

export const VIEWS = ['timeline', 'calendrier'] as const;
export type ActivitiesView = (typeof VIEWS)[number];

export interface ActivityFilters {
  q: string;
  type?: ActivityType;
  status?: ActivityStatus;
  priority?: ActivityPriority;
  /** A member id (admins). */
  owner?: string;
  /** First and last day (`YYYY-MM-DD`, Paris), both included. */
  from?: string;
  to?: string;
  sort: ActivitySort;
}

export interface ActivitiesUrlState {
  view: ActivitiesView;
  filters: ActivityFilters;
  /** Month shown by the calendar, `YYYY-MM`. */
  month: string;
  openId: string | null;
}

export const DEFAULT_FILTERS: ActivityFilters = { q: '', sort: '-dueAt' };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The current month in Paris, `YYYY-MM`. */
export const currentMonth = () => parisDayKey(Date.now()).slice(0, 7);

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  list.includes(v as T) ? (v as T) : undefined;
const validDay = (v: string | null) => (v && DAY.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined);

export function parseFilters(params: URLSearchParams): ActivityFilters {
  const owner = params.get('owner');
  return {
    q: (params.get('q') ?? '').slice(0, 100),
    type: oneOf(ACTIVITY_TYPES, params.get('type')),
    status: oneOf(ACTIVITY_STATUSES, params.get('status')),
    priority: oneOf(ACTIVITY_PRIORITIES, params.get('priority')),
    owner: isObjectId(owner) ? owner : undefined,
    from: validDay(params.get('from')),
    to: validDay(params.get('to')),
    sort: oneOf(ACTIVITY_SORTS, params.get('sort')) ?? DEFAULT_FILTERS.sort,
  };
}

const FILTER_KEYS = ['q', 'type', 'status', 'priority', 'owner', 'from', 'to'] as const;

export const URL_CODEC: UrlStateCodec<ActivitiesUrlState> = {
  parse: (params) => {
    const month = params.get('mois');
    const openId = params.get('activite');
    return {
      view: oneOf(VIEWS, params.get('vue')) ?? 'timeline',
      filters: parseFilters(params),
      month: month && MONTH.test(month) ? month : currentMonth(),
      openId: isObjectId(openId) ? openId : null,
    };
  },
  write: (params, { view, filters, month, openId }) => {
    for (const key of [...FILTER_KEYS, 'sort', 'vue', 'mois', 'activite']) params.delete(key);
    for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
    if (filters.sort !== DEFAULT_FILTERS.sort) params.set('sort', filters.sort);
    if (view !== 'timeline') params.set('vue', view);
    if (view === 'calendrier' && month !== currentMonth()) params.set('mois', month);
    if (openId) params.set('activite', openId);
  },
  key: (s) => JSON.stringify([s.view, filtersKey(s.filters), s.month, s.openId]),
};

export const filtersKey = (f: ActivityFilters) =>
  JSON.stringify([f.q, f.type ?? '', f.status ?? '', f.priority ?? '', f.owner ?? '', f.from ?? '', f.to ?? '', f.sort]);

export const hasFilters = (f: ActivityFilters) => FILTER_KEYS.some((key) => Boolean(f[key]));

/** Query parameters of the API for the filters (days become Paris instants: `to` is the end of its day). */
export function filterParams(f: ActivityFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (f.q) params.q = f.q;
  if (f.type) params.type = f.type;
  if (f.status) params.status = f.status;
  if (f.priority) params.priority = f.priority;
  if (f.owner) params.owner = f.owner;
  if (f.from) params.from = parisStartOfDay(f.from).toISOString();
  if (f.to) params.to = parisStartOfDay(f.to, 1).toISOString();
  return params;
}
