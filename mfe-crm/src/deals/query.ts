/** State of the deals page (view, filters, list paging and sort) and its round trip through the URL. */
import { DEFAULT_PAGE_SIZE, readPaging, writePaging } from '@digiweb/shared-ui';
import {
  COMPANIES,
  DEAL_SORTS,
  isDealStage,
  isObjectId,
  type CompanyKey,
  type DealSort,
  type DealStage,
} from '@digiweb/api/contracts';

export type DealsView = 'kanban' | 'liste';

export interface DealsQuery {
  /** Kanban (default) or list; `?vue=liste`. */
  view: DealsView;
  page: number;
  pageSize: number;
  q: string;
  /** List view only: the board shows every stage. */
  stage?: DealStage;
  owner?: string;
  issuingCompany?: CompanyKey;
  amountMin?: number;
  amountMax?: number;
  /** YYYY-MM-DD */
  closeFrom?: string;
  closeTo?: string;
  sort: DealSort;
}

export const DEFAULT_SORT: DealSort = 'expectedCloseDate';
export const DEFAULT_QUERY: DealsQuery = { view: 'kanban', page: 1, pageSize: DEFAULT_PAGE_SIZE, q: '', sort: DEFAULT_SORT };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isSort = (v: string | null): v is DealSort => DEAL_SORTS.includes(v as DealSort);
const isCompany = (v: string | null): v is CompanyKey => COMPANIES.includes(v as CompanyKey);
const amount = (v: string | null) => {
  const n = v === null || v === '' ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};
const day = (v: string | null) => (v && DAY.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined);

/** Reads the state from URL search params; anything malformed falls back to the default. */
export function parseQuery(params: URLSearchParams): DealsQuery {
  const stage = params.get('stage');
  const owner = params.get('owner');
  const company = params.get('issuingCompany');
  const sort = params.get('sort');
  return {
    view: params.get('vue') === 'liste' ? 'liste' : 'kanban',
    ...readPaging(params),
    q: (params.get('q') ?? '').slice(0, 100),
    stage: isDealStage(stage) ? stage : undefined,
    owner: isObjectId(owner) ? owner : undefined,
    issuingCompany: isCompany(company) ? company : undefined,
    amountMin: amount(params.get('amountMin')),
    amountMax: amount(params.get('amountMax')),
    closeFrom: day(params.get('closeFrom')),
    closeTo: day(params.get('closeTo')),
    sort: isSort(sort) ? sort : DEFAULT_SORT,
  };
}

const FILTER_KEYS = ['q', 'owner', 'issuingCompany', 'amountMin', 'amountMax', 'closeFrom', 'closeTo'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** Keys of the URL that this page owns; other keys are left untouched. */
const QUERY_KEYS = ['vue', 'stage', 'sort', ...FILTER_KEYS] as const;

/** Writes the state into `params`, omitting default values to keep the URL short. */
export function writeQuery(params: URLSearchParams, query: DealsQuery): void {
  for (const key of QUERY_KEYS) params.delete(key);
  if (query.view !== 'kanban') params.set('vue', query.view);
  for (const [key, value] of Object.entries(filterParams(query))) params.set(key, String(value));
  if (query.stage) params.set('stage', query.stage);
  if (query.sort !== DEFAULT_SORT) params.set('sort', query.sort);
  writePaging(params, query);
}

/** The filters shared by the list and the board, as API query parameters. */
export function filterParams(query: DealsQuery): Partial<Record<FilterKey, string | number>> {
  const out: Partial<Record<FilterKey, string | number>> = {};
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

export const hasFilters = (query: DealsQuery) =>
  Object.keys(filterParams(query)).length > 0 || (query.view === 'liste' && Boolean(query.stage));

/** Stable keys, to refetch only when what a view shows really changes. */
export const filtersKey = (query: DealsQuery) => JSON.stringify(filterParams(query));
export const listKey = (query: DealsQuery) =>
  JSON.stringify([filtersKey(query), query.stage ?? '', query.page, query.pageSize, query.sort]);
export const stateKey = (query: DealsQuery) => `${query.view}:${listKey(query)}`;
