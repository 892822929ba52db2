/** The list query of the contacts page (page, filters, sort) and its round trip through the URL. */
import { DEFAULT_PAGE_SIZE, readPaging, writePaging } from '@digiweb/shared-ui';
import { CONTACT_SORTS, CONTACT_STATUSES, isObjectId, type ContactStatus } from '@digiweb/api/contracts';

export type ContactSort = (typeof CONTACT_SORTS)[number];

export interface ContactsQuery {
  page: number;
  pageSize: number;
  q: string;
  status?: ContactStatus;
  /** A member id, or "none" for unassigned contacts. */
  assignedTo?: string;
  /** Contacts carrying this tag. */
  tag?: string;
  /** Contacts whose company link waits for an administrator. */
  companyLink?: 'pending';
  sort: ContactSort;
}

export const DEFAULT_SORT: ContactSort = '-createdAt';
export const DEFAULT_QUERY: ContactsQuery = { page: 1, pageSize: DEFAULT_PAGE_SIZE, q: '', sort: DEFAULT_SORT };
/** Value of the assignee filter (and pickers) meaning "nobody". Never a valid member id. */
export const UNASSIGNED = 'none';

const isStatus = (v: string | null): v is ContactStatus => CONTACT_STATUSES.includes(v as ContactStatus);
const isSort = (v: string | null): v is ContactSort => CONTACT_SORTS.includes(v as ContactSort);

/** Reads the query from URL search params; anything malformed falls back to the default. */
export function parseQuery(params: URLSearchParams): ContactsQuery {
  const status = params.get('status');
  const assignedTo = params.get('assignedTo');
  const sort = params.get('sort');
  const tag = params.get('tag')?.trim().slice(0, 40);
  return {
    ...readPaging(params),
    q: (params.get('q') ?? '').slice(0, 100),
    status: isStatus(status) ? status : undefined,
    assignedTo: assignedTo === UNASSIGNED || isObjectId(assignedTo) ? assignedTo : undefined,
    tag: tag || undefined,
    companyLink: params.get('companyLink') === 'pending' ? 'pending' : undefined,
    sort: isSort(sort) ? sort : DEFAULT_SORT,
  };
}

/** Keys of the URL that this page owns; other keys are left untouched. */
export const QUERY_KEYS = ['page', 'pageSize', 'q', 'status', 'assignedTo', 'tag', 'companyLink', 'sort'] as const;

/** Writes the query into `params`, omitting default values to keep the URL short. */
export function writeQuery(params: URLSearchParams, query: ContactsQuery): void {
  for (const key of QUERY_KEYS) params.delete(key);
  if (query.q) params.set('q', query.q);
  if (query.status) params.set('status', query.status);
  if (query.assignedTo) params.set('assignedTo', query.assignedTo);
  if (query.tag) params.set('tag', query.tag);
  if (query.companyLink) params.set('companyLink', query.companyLink);
  if (query.sort !== DEFAULT_SORT) params.set('sort', query.sort);
  writePaging(params, query);
}

export const hasFilters = (query: ContactsQuery) =>
  Boolean(query.q || query.status || query.assignedTo || query.tag || query.companyLink);

/** A stable key of the query, to refetch only when it really changes. */
export const queryKey = (query: ContactsQuery) =>
  JSON.stringify([
    query.page,
    query.pageSize,
    query.q,
    query.status ?? '',
    query.assignedTo ?? '',
    query.tag ?? '',
    query.companyLink ?? '',
    query.sort,
  ]);

/** The contacts screen's two views, in the URL as `?vue=kanban` (the list is the default). */
export type ContactsView = 'liste' | 'kanban';
export const readView = (params: URLSearchParams): ContactsView =>
  params.get('vue') === 'kanban' ? 'kanban' : 'liste';
