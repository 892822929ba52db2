/** The filters of the activities list, calendar and export as query conditions (scope aside). */
import type { z } from 'zod';
import type { Filter } from '../../authz/index.js';
import { accentInsensitivePattern, type activityListQuerySchema } from '../../contracts/index.js';

/** The filters the list and the calendar share. */
export function filterConditions(q: {
  type?: string;
  status?: string;
  priority?: string;
  owner?: string;
  contactId?: string;
  dealId?: string;
}): Filter[] {
  const and: Filter[] = [];
  if (q.type) and.push({ type: q.type });
  if (q.status) and.push({ status: q.status });
  if (q.priority) and.push({ priority: q.priority });
  if (q.owner) and.push({ owner: q.owner });
  if (q.contactId) and.push({ contactId: q.contactId });
  if (q.dealId) and.push({ dealId: q.dealId });
  return and;
}

/** The conditions of the list (and of its export), scope aside. */
export function activityListConditions(q: z.output<typeof activityListQuerySchema>): Filter[] {
  const and = filterConditions(q);
  if (q.from) and.push({ dueAt: { $gte: new Date(q.from) } });
  if (q.to) and.push({ dueAt: { $lt: new Date(q.to) } });
  if (q.q) and.push({ searchText: { $regex: accentInsensitivePattern(q.q) } });
  return and;
}

export function activityListSort(q: { sort: string }): Record<string, 1 | -1> {
  const direction = q.sort.startsWith('-') ? -1 : 1;
  return { dueAt: direction, _id: direction };
}
