/** Query keys of the deals: every read of the feature lives under `dealKeys.all`. */
import { dealListParams } from './api';
import { filterParams, type DealsQuery } from './query';

export const dealKeys = {
  all: ['crm', 'deals'] as const,
  lists: () => [...dealKeys.all, 'list'] as const,
  list: (query: DealsQuery) => [...dealKeys.lists(), dealListParams(query)] as const,
  /** The kanban of these filters (the stage filter and the paging belong to the list). */
  board: (query: DealsQuery) => [...dealKeys.all, 'board', filterParams(query)] as const,
  detail: (id: string) => [...dealKeys.all, 'detail', id] as const,
  /** Members who may own deals: a look-up, outside `all` (deal writes do not change it). */
  owners: () => ['crm', 'lookups', 'deal-owners'] as const,
  /** The contact picker's search. */
  contactSearch: (q: string) => ['crm', 'lookups', 'deal-contacts', q] as const,
};
