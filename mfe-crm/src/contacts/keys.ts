/** Query keys of the contacts: every read of the feature lives under `contactKeys.all`. */
import { contactListParams } from './api';
import type { ContactsQuery } from './query';

/** The filters of the kanban: the list's, without the status (the columns) nor the paging. */
const boardFilters = ({ q, assignedTo, tag, companyLink, sort }: ContactsQuery) => ({
  q,
  assignedTo,
  tag,
  companyLink,
  sort,
});

export const contactKeys = {
  all: ['crm', 'contacts'] as const,
  lists: () => [...contactKeys.all, 'list'] as const,
  list: (query: ContactsQuery) => [...contactKeys.lists(), contactListParams(query)] as const,
  board: (query: ContactsQuery) => [...contactKeys.all, 'board', boardFilters(query)] as const,
  detail: (id: string) => [...contactKeys.all, 'detail', id] as const,
  history: (id: string) => [...contactKeys.all, 'history', id] as const,
  savedFilters: () => [...contactKeys.all, 'saved-filters'] as const,
  /** Tag suggestions: a cached look-up, refreshed by every contact write (which may add tags). */
  tags: (q: string) => [...contactKeys.all, 'tags', q] as const,
};
