/**
 * The filters of the companies grid, map and export as query conditions (scope aside), and what the
 * caller may see of the people of companies (contacts and deals in his own scope).
 */
import type { Request } from 'express';
import type mongoose from 'mongoose';
import type { Filter } from '../../authz/index.js';
import { scoped } from '../../authz/scoped.js';
import { escapeRegex, type CompanyFilters } from '../../contracts/index.js';
import { Contact, foldText } from '../contacts/index.js';
import { Deal } from '../deals/index.js';

/** The filters of the grid and the map, as query conditions (deals: those the caller may read). */
export async function companyFilterConditions(req: Request, q: CompanyFilters): Promise<Filter[]> {
  const and: Filter[] = [];
  if (q.q) and.push({ searchText: { $regex: escapeRegex(foldText(q.q)) } });
  if (q.status) and.push({ status: q.status });
  if (q.industry) and.push({ industry: q.industry });
  if (q.department) and.push({ department: q.department });
  if (q.city) and.push({ city: { $regex: `^${escapeRegex(q.city)}$`, $options: 'i' } });
  if (q.hasDeals) {
    const ids = await scoped(req, 'read', Deal).distinct('companyId', { companyId: { $ne: null } });
    and.push({ _id: q.hasDeals === 'true' ? { $in: ids } : { $nin: ids } });
  }
  return and;
}

/**
 * Contacts and deals of these companies the caller may read, counted in one query each, and the
 * members those contacts are assigned to: all that the caller may know of a company's people (the
 * stored `contactCount` and `contactOwners` cover contacts out of his scope).
 */
export async function visibleCounts(req: Request, ids: mongoose.Types.ObjectId[]) {
  const [contacts, deals] = await Promise.all([
    scoped(req, 'read', Contact)
      .find({ companyId: { $in: ids } }, { companyId: 1, assignedTo: 1 })
      .lean(),
    scoped(req, 'read', Deal)
      .find({ companyId: { $in: ids } }, { companyId: 1 })
      .lean(),
  ]);
  const count = (rows: { companyId?: unknown }[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(String(r.companyId), (m.get(String(r.companyId)) ?? 0) + 1);
    return m;
  };
  const assignees = new Map<string, Set<string>>();
  for (const c of contacts) {
    if (!c.assignedTo) continue;
    const key = String(c.companyId);
    assignees.set(key, (assignees.get(key) ?? new Set()).add(String(c.assignedTo)));
  }
  return { contacts: count(contacts), deals: count(deals), assignees };
}
export type VisibleCounts = Awaited<ReturnType<typeof visibleCounts>>;
