/** State of the companies page (view, filters, paging, sort, open company) and its round trip through the URL. */
import { DEFAULT_PAGE_SIZE, readPaging, writePaging, type UrlStateCodec } from '@digiweb/shared-ui';
import {
  COMPANY_SORTS,
  CONTACT_STATUSES,
  DEPARTMENTS,
  isObjectId,
  type CompanyFilters,
  type CompanySort,
  type ContactStatus,
} from '@digiweb/api/contracts';

/** Card grid (default) or map of France; `?vue=carte`. */
export type CompaniesView = 'cartes' | 'carte';

export interface CompaniesQuery {
  page: number;
  pageSize: number;
  q: string;
  status?: ContactStatus;
  industry?: string;
  department?: string;
  hasDeals?: 'true' | 'false';
  sort: CompanySort;
}

export interface CompaniesUrlState {
  view: CompaniesView;
  query: CompaniesQuery;
  /** The company whose detail is open (`?entreprise=<id>`). */
  openId: string | null;
}

export const DEFAULT_SORT: CompanySort = 'name';
export const DEFAULT_QUERY: CompaniesQuery = { page: 1, pageSize: DEFAULT_PAGE_SIZE, q: '', sort: DEFAULT_SORT };
const DEPARTMENT_CODES = new Set(DEPARTMENTS.map((d) => d.code));

export function parseQuery(params: URLSearchParams): CompaniesQuery {
  const status = params.get('status');
  const department = params.get('departement');
  const hasDeals = params.get('deals');
  const sort = params.get('sort');
  const industry = params.get('secteur')?.trim().slice(0, 160);
  return {
    ...readPaging(params),
    q: (params.get('q') ?? '').slice(0, 100),
    status: CONTACT_STATUSES.includes(status as ContactStatus) ? (status as ContactStatus) : undefined,
    industry: industry || undefined,
    department: department && DEPARTMENT_CODES.has(department) ? department : undefined,
    hasDeals: hasDeals === 'avec' ? 'true' : hasDeals === 'sans' ? 'false' : undefined,
    sort: COMPANY_SORTS.includes(sort as CompanySort) ? (sort as CompanySort) : DEFAULT_SORT,
  };
}

const QUERY_KEYS = ['vue', 'q', 'status', 'secteur', 'departement', 'deals', 'sort', 'entreprise'] as const;

/** The filters shared by the grid and the map, as API query parameters. */
export function filterParams(query: CompaniesQuery): CompanyFilters {
  const out: CompanyFilters = {};
  if (query.q) out.q = query.q;
  if (query.status) out.status = query.status;
  if (query.industry) out.industry = query.industry;
  if (query.department) out.department = query.department;
  if (query.hasDeals) out.hasDeals = query.hasDeals;
  return out;
}

export const hasFilters = (query: CompaniesQuery) => Object.keys(filterParams(query)).length > 0;
export const filtersKey = (query: CompaniesQuery) => JSON.stringify(filterParams(query));
export const listKey = (query: CompaniesQuery) =>
  JSON.stringify([filtersKey(query), query.page, query.pageSize, query.sort]);

export const URL_CODEC: UrlStateCodec<CompaniesUrlState> = {
  parse: (params) => {
    const id = params.get('entreprise');
    return {
      view: params.get('vue') === 'carte' ? 'carte' : 'cartes',
      query: parseQuery(params),
      openId: isObjectId(id) ? id : null,
    };
  },
  write: (params, { view, query, openId }) => {
    for (const key of QUERY_KEYS) params.delete(key);
    if (view === 'carte') params.set('vue', 'carte');
    if (query.q) params.set('q', query.q);
    if (query.status) params.set('status', query.status);
    if (query.industry) params.set('secteur', query.industry);
    if (query.department) params.set('departement', query.department);
    if (query.hasDeals) params.set('deals', query.hasDeals === 'true' ? 'avec' : 'sans');
    if (query.sort !== DEFAULT_SORT) params.set('sort', query.sort);
    writePaging(params, query);
    if (openId) params.set('entreprise', openId);
  },
  key: ({ view, query, openId }) => `${view}:${listKey(query)}:${openId ?? ''}`,
};
