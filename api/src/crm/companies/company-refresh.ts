/**
 * Writing what companies derive from their contacts (company-derive.ts): recomputed from scratch
 * (`refreshCompanies`), or, for new contacts that joined existing companies, added to what each company
 * had (`PendingJoins`). Only the fields that changed are written.
 */
import type mongoose from 'mongoose';
import type { Types } from 'mongoose';
import { bestStatus, type ContactStatus } from '../../contracts/index.js';
import { bulkWriteInChunks } from '../../db/bulk.js';
import { Contact } from '../contacts/index.js';
import { Deal } from '../deals/index.js';
import { derive, DERIVABLE, same, summarise, type ContactsSummary, type Derivable } from './company-derive.js';
import type { CompanyRow } from './company-lookup.js';
import { Company } from './company.model.js';
import type { ContactRow } from './contact-row.js';

type Id = Types.ObjectId;

/** Existing companies that new contacts joined, with those contacts (`linkNewContacts` → `PendingJoins`). */
export type CompanyJoins = Map<string, { company: CompanyRow; contacts: ContactRow[] }>;

/** The update of a company to what it derives now, or null when nothing changed. */
function updateOf(company: { _id: Id }, set: Record<string, unknown>): mongoose.AnyBulkWriteOperation | null {
  const changed = Object.entries(set).filter(([key, value]) => !same(value, (company as Record<string, unknown>)[key]));
  return changed.length
    ? { updateOne: { filter: { _id: company._id }, update: { $set: Object.fromEntries(changed) } } }
    : null;
}

/**
 * New contacts, inserted, that joined existing companies: summed up per company in memory, then
 * written once per company (`apply`) — at the end of an import rather than per batch, since on FerretDB
 * v1 every update scans its collection. Adds them to what each company derives from its contacts
 * (counter, owners, status, place…) without reading the contacts it already had. Only for contacts new
 * to their company: `refreshCompanies` recomputes from scratch in any other case.
 */
export class PendingJoins {
  private readonly joins = new Map<string, ContactsSummary>();

  add(joins: CompanyJoins): void {
    for (const [id, { contacts }] of joins) this.joins.set(id, summarise(contacts, this.joins.get(id)));
  }

  /** The companies waiting for their new contacts (kept with the import's checkpoint). */
  ids(): string[] {
    return [...this.joins.keys()];
  }

  async apply(): Promise<void> {
    if (!this.joins.size) return;
    const companies = await Company.find({ _id: { $in: this.ids() } }).lean();
    const operations: mongoose.AnyBulkWriteOperation[] = [];
    for (const company of companies) {
      const joined = this.joins.get(String(company._id))!;
      const had: ContactsSummary = {
        owners: new Set(company.contactOwners.map(String)),
        count: company.contactCount,
        status: company.contactCount ? (company.status as ContactStatus) : undefined,
      };
      const all: ContactsSummary = {
        ...joined,
        owners: new Set([...had.owners, ...joined.owners]),
        count: had.count + joined.count,
        status: bestStatus([had.status, joined.status].filter((status): status is ContactStatus => !!status)),
      };
      const set = derive(company, all, false);
      const update = updateOf(company, set);
      if (update) operations.push(update);
    }
    await bulkWriteInChunks(Company as never, operations);
    this.joins.clear();
  }
}

/** Recomputes what these companies derive from their contacts; writes only the companies that changed. */
export async function refreshCompanies(ids: (string | Id)[]): Promise<void> {
  const unique = [...new Set(ids.map(String))];
  if (!unique.length) return;
  const [companies, contacts, dealCompanyIds] = await Promise.all([
    Company.find({ _id: { $in: unique } }).lean(),
    Contact.find({ companyId: { $in: unique }, deletedAt: null }, { companyId: 1, ...DERIVABLE })
      .sort({ createdAt: 1, _id: 1 })
      .lean(),
    Deal.distinct('companyId', { companyId: { $in: unique }, deletedAt: null }),
  ]);
  const withDeals = new Set(dealCompanyIds.map(String));
  const byCompany = new Map<string, ContactsSummary>();
  for (const contact of contacts) {
    const key = String(contact.companyId);
    byCompany.set(key, summarise([contact as Derivable], byCompany.get(key)));
  }
  const operations: mongoose.AnyBulkWriteOperation[] = [];
  for (const company of companies) {
    const set = derive(
      company,
      byCompany.get(String(company._id)) ?? summarise([]),
      withDeals.has(String(company._id)),
    );
    const update = updateOf(company, set);
    if (update) operations.push(update);
  }
  await bulkWriteInChunks(Company as never, operations);
}
