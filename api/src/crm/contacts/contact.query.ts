/** The filters of the contacts list, board and export as query conditions (scope aside). */
import type { Filter } from '../../authz/index.js';
import { escapeRegex, type ContactFilters } from '../../contracts/index.js';
import { foldText } from './contact.model.js';

/** The filters of the list (and of the board, the exports…) as query conditions. */
export function contactFilterConditions(q: ContactFilters): Filter[] {
  const and: Filter[] = [];
  if (q.status) and.push({ status: q.status });
  if (q.assignedTo) and.push({ assignedTo: q.assignedTo === 'none' ? null : q.assignedTo });
  if (q.tag) and.push({ tags: q.tag });
  if (q.companyLink) and.push({ 'companyLink.status': q.companyLink });
  if (q.q) and.push({ searchText: { $regex: escapeRegex(foldText(q.q)) } });
  return and;
}

export function contactListSort(q: { sort: string }): Record<string, 1 | -1> {
  return { [q.sort.replace(/^-/, '')]: q.sort.startsWith('-') ? -1 : 1, _id: -1 };
}
