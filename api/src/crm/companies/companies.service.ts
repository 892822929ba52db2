/**
 * Companies are made from contacts: `syncCompanies(filter)` links every contact matching the filter to
 * its company (found by SIREN, else by name + postal code; created when missing), then recomputes what
 * the touched companies derive from their contacts — owners (the scope), status, counters, position.
 * Idempotent, and built for batches (the CSV import calls it per 1,000 contacts): a fixed number of
 * round trips whatever the batch size, plus one write per contact whose link changes. New contacts can
 * also be linked before they are inserted (`linkNewContacts`).
 *
 * A contact joins an existing company only when the member who wrote it may read that company
 * (COMPANY_LINK_RULE, company-join-policy.ts); otherwise its link waits for an administrator.
 */
import mongoose, { type Types } from 'mongoose';
import type { Filter } from '../../authz/index.js';
import { bestStatus, isValidSiren, type ContactStatus } from '../../contracts/index.js';
import { bulkWriteInChunks } from '../../db/bulk.js';
import { logger } from '../../logger.js';
import type { JoinPolicy } from './company-join-policy.js';
import { Contact, type ContactDoc } from '../contacts/index.js';
import { Company, companyNameKey, companySearchText } from './company.model.js';
import { Deal } from '../deals/index.js';
import { foldPlace, locate } from './geo.js';

type Id = Types.ObjectId;

/** What the companies are made from: a contact as stored, or about to be (the CSV import). */
export interface ContactRow {
  _id: Id;
  companyName?: string | null;
  siret?: string | null;
  address?: string | null;
  postalCode?: string | null;
  city?: string | null;
  companyId?: Id | null;
  assignedTo?: Id | null;
  status: ContactStatus;
  /** Registry data of the contact's company (Pappers enrichment), used while the company has none. */
  nafCode?: string | null;
  nafLabel?: string | null;
  revenue?: number | null;
  deletedAt?: Date | null;
  /** A link to an existing company that waits for an administrator, or that he refused. */
  companyLink?: CompanyLink | null;
}

export interface CompanyLink {
  companyId: Id;
  status: 'pending' | 'refused';
  by: Id | null;
  byName?: string | null;
  at: Date;
}

/** How a sync treats links to existing companies. */
export interface SyncOptions {
  /** Whose write this is: without one (system, demo data), every company may be joined. */
  policy?: JoinPolicy;
  /** An administrator approves the pending links of these contacts. */
  approve?: boolean;
}

interface CompanyRow {
  _id: Id;
  nameKey: string;
  siren?: string | null;
  postalCode?: string | null;
}
const COMPANY_ROW = { nameKey: 1, siren: 1, postalCode: 1 };

/** The companies contacts are matched against: by SIREN, and by name + postal code. */
export class CompanyLookup {
  private readonly bySiren = new Map<string, CompanyRow>();
  private readonly byName = new Map<string, CompanyRow[]>();

  /** The companies with one of these SIRENs or name keys; without them, every company (one scan). */
  static async load(keys?: { sirens: string[]; nameKeys: string[] }): Promise<CompanyLookup> {
    const lookup = new CompanyLookup();
    if (keys && !keys.sirens.length && !keys.nameKeys.length) return lookup;
    const filter = keys
      ? { $or: [...(keys.sirens.length ? [{ siren: { $in: keys.sirens } }] : []), { nameKey: { $in: keys.nameKeys } }] }
      : {};
    const rows = await Company.find(filter, COMPANY_ROW).lean<CompanyRow[]>();
    rows.forEach((row) => lookup.remember(row));
    return lookup;
  }

  remember(row: CompanyRow): void {
    if (row.siren) this.bySiren.set(row.siren, row);
    const key = nameMatchKey(row.nameKey, row.postalCode);
    this.byName.set(key, [...(this.byName.get(key) ?? []), row]);
  }

  /** Replaces a company that lost a creation race by the one that won it. */
  replace(lost: CompanyRow, winner: CompanyRow): void {
    if (lost.siren && this.bySiren.get(lost.siren) === lost) this.bySiren.delete(lost.siren);
    const key = nameMatchKey(lost.nameKey, lost.postalCode);
    this.byName.set(
      key,
      (this.byName.get(key) ?? []).filter((row) => row !== lost),
    );
    this.remember(winner);
  }

  /** A contact's company: SIREN first; else the same name and postal code, unless that one has another SIREN. */
  find(w: { siren: string | null; nameKey: string; postalCode: string | null }): CompanyRow | undefined {
    if (w.siren && this.bySiren.has(w.siren)) return this.bySiren.get(w.siren);
    return this.byName
      .get(nameMatchKey(w.nameKey, w.postalCode))
      ?.find((row) => !row.siren || !w.siren || row.siren === w.siren);
  }

  /** A contact brings the SIREN of a company known by its name only. */
  setSiren(row: CompanyRow, siren: string): void {
    row.siren = siren;
    this.bySiren.set(siren, row);
  }
}

type Derivable = Pick<
  ContactRow,
  'assignedTo' | 'status' | 'address' | 'postalCode' | 'city' | 'nafCode' | 'nafLabel' | 'revenue'
>;
/** What `derive` reads from the contacts. */
const DERIVABLE = { assignedTo: 1, status: 1, address: 1, postalCode: 1, city: 1, nafCode: 1, nafLabel: 1, revenue: 1 };

const sirenOf = (siret?: string | null) => (siret && isValidSiren(siret.slice(0, 9)) ? siret.slice(0, 9) : null);
const nameKeyOf = (name: string) => companyNameKey(name) || name.trim().toLowerCase();
const nameMatchKey = (nameKey: string, postalCode?: string | null) => `name:${nameKey}|${postalCode ?? ''}`;

export interface SyncResult {
  /** Company of each contact matching the filter (null: no company name). A deleted contact keeps its link. */
  links: Map<string, string | null>;
  /** The waiting or refused link of each contact matching the filter (null: none). */
  companyLinks: Map<string, CompanyLink | null>;
  /** Contacts whose link to an existing company started to wait for an administrator in this call. */
  pending: string[];
  /** Companies created by this call. */
  created: number;
}

/**
 * The company of each contact (SIREN first, else name + postal code), created when missing, without
 * writing the contacts' links. A company created here is written complete for these contacts.
 */
async function assignCompanies(
  contacts: ContactRow[],
  /** Companies known already (the CSV import keeps one for the whole run); else read for these contacts. */
  known?: CompanyLookup,
  options: SyncOptions = {},
): Promise<{
  assignment: Map<ContactRow, CompanyRow>;
  /** Contacts that name an existing company they may not join (yet): their link waits or was refused. */
  held: Map<ContactRow, CompanyRow>;
  /** Companies created by this call. */
  createdIds: Set<string>;
  created: number;
  /** Existing companies to refresh (those that won a creation race). */
  touched: Set<string>;
}> {
  const touched = new Set<string>();
  const wanted = contacts
    .filter((c) => !c.deletedAt && c.companyName?.trim())
    .map((c) => {
      const name = c.companyName!.trim();
      return { contact: c, name, nameKey: nameKeyOf(name), siren: sirenOf(c.siret), postalCode: c.postalCode ?? null };
    });

  // Existing companies, archived ones included (a company comes back with its contacts): one query.
  const lookup =
    known ??
    (await CompanyLookup.load({
      sirens: [...new Set(wanted.map((w) => w.siren).filter((s): s is string => !!s))],
      nameKeys: [...new Set(wanted.map((w) => w.nameKey))],
    }));

  const mayJoin = await joinableCompanies(wanted, lookup, options.policy);

  // Companies to create, deduplicated within the batch (contacts with a SIREN first, so that a contact
  // without one joins the company of a same-named contact that has one).
  const toCreate = new Map<string, { row: CompanyRow; doc: Record<string, unknown>; contacts: ContactRow[] }>();
  const sirenToSet = new Map<string, string>();
  const assignment = new Map<ContactRow, CompanyRow>();
  const held = new Map<ContactRow, CompanyRow>();
  for (const w of [...wanted].sort((a, b) => Number(!!b.siren) - Number(!!a.siren))) {
    let row = lookup.find(w);
    if (row && !toCreate.has(String(row._id)) && isHeld(w.contact, row, mayJoin, options)) {
      held.set(w.contact, row);
      continue;
    }
    if (row && w.siren && !row.siren) {
      lookup.setSiren(row, w.siren);
      sirenToSet.set(String(row._id), w.siren);
    }
    if (!row) {
      const c = w.contact;
      const doc = {
        _id: new mongoose.Types.ObjectId(),
        name: w.name,
        nameKey: w.nameKey,
        matchKey: w.siren ? `siren:${w.siren}` : nameMatchKey(w.nameKey, w.postalCode),
        siren: w.siren,
        siret: w.siren ? c.siret : undefined,
      };
      row = { _id: doc._id, nameKey: w.nameKey, siren: w.siren, postalCode: w.postalCode };
      lookup.remember(row);
      toCreate.set(String(doc._id), { row, doc, contacts: [] });
    }
    toCreate.get(String(row._id))?.contacts.push(w.contact);
    assignment.set(w.contact, row);
  }

  // New companies are written once, complete: only this batch's contacts can belong to them yet.
  let created = 0;
  if (toCreate.size) {
    const items = [...toCreate.values()].map((i) => {
      const doc = {
        ...i.doc,
        ...derive(i.doc as { name: string; siren?: string | null }, summarise(i.contacts), false),
      };
      return { ...i, doc };
    });
    const lost = await insertCompanies(items, assignment, lookup);
    created = items.length - lost.length;
    lost.forEach((id) => touched.add(id));
  }
  if (sirenToSet.size)
    await bulkWriteInChunks(
      Company as never,
      [...sirenToSet].map(([id, siren]) => ({
        updateOne: { filter: { _id: id, siren: null }, update: { $set: { siren, matchKey: `siren:${siren}` } } },
      })),
    ).catch((err: unknown) => logger.warn({ err }, 'company SIREN update skipped (another company has it)'));
  return { assignment, held, createdIds: new Set(toCreate.keys()), created, touched };
}

/** The existing companies these contacts match that their writer may join (null: every company). */
async function joinableCompanies(
  wanted: { contact: ContactRow; nameKey: string; siren: string | null; postalCode: string | null }[],
  lookup: CompanyLookup,
  policy?: JoinPolicy,
): Promise<Set<string> | null> {
  if (!policy) return null;
  const ids = new Map<string, Id>();
  for (const w of wanted) {
    const row = lookup.find(w);
    if (row) ids.set(String(row._id), row._id);
  }
  return policy.allowed([...ids.values()]);
}

/**
 * Whether a contact stays out of the existing company it names: it is not its company already, and
 * either a decision is pending or was made on that link, or its writer may not read the company.
 */
function isHeld(contact: ContactRow, row: CompanyRow, mayJoin: Set<string> | null, options: SyncOptions): boolean {
  const id = String(row._id);
  if (String(contact.companyId ?? '') === id) return false;
  if (contact.companyLink && String(contact.companyLink.companyId) === id) return !options.approve;
  return mayJoin !== null && !mayJoin.has(id);
}

/** The link a held contact gets: the one it has for that company, else a new pending one. */
function heldLink(contact: ContactRow, row: CompanyRow, policy: JoinPolicy | undefined, now: Date): CompanyLink {
  const link = contact.companyLink;
  if (link && String(link.companyId) === String(row._id)) return link;
  return {
    companyId: row._id,
    status: 'pending',
    by: policy?.actor?.id ?? null,
    byName: policy?.actor?.name ?? null,
    at: now,
  };
}

const sameLink = (a?: CompanyLink | null, b?: CompanyLink | null) =>
  (a ?? null) === (b ?? null) || (!!a && !!b && String(a.companyId) === String(b.companyId) && a.status === b.status);

/** Existing companies that new contacts joined, with those contacts (`linkNewContacts` → `PendingJoins`). */
export type CompanyJoins = Map<string, { company: CompanyRow; contacts: ContactRow[] }>;

/**
 * For contacts about to be inserted (the CSV import): sets each row's `companyId` to the company
 * `syncCompanies` would give it (created, complete, when missing) and returns the existing companies
 * the rows join, for `PendingJoins` once the rows are stored. Inserting contacts already linked spares
 * syncCompanies' reads and writes of them, each a scan of the collection on FerretDB v1; `lookup`,
 * loaded once for the run, spares a scan of the companies per batch.
 */
export async function linkNewContacts(
  rows: ContactRow[],
  lookup: CompanyLookup,
  policy?: JoinPolicy,
): Promise<CompanyJoins> {
  const { assignment, held, createdIds } = await assignCompanies(rows, lookup, { policy });
  const joins: CompanyJoins = new Map();
  const now = new Date();
  for (const row of rows) {
    const company = assignment.get(row);
    row.companyId = company?._id ?? null;
    const waiting = held.get(row);
    row.companyLink = waiting ? heldLink(row, waiting, policy, now) : null;
    if (!company || createdIds.has(String(company._id))) continue;
    const key = String(company._id);
    const join = joins.get(key) ?? { company, contacts: [] };
    join.contacts.push(row);
    joins.set(key, join);
  }
  return joins;
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
    const ops: mongoose.AnyBulkWriteOperation[] = [];
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
        status: bestStatus([had.status, joined.status].filter((x): x is ContactStatus => !!x)),
      };
      const set = derive(company, all, false);
      const changed = Object.entries(set).filter(([k, v]) => !same(v, (company as Record<string, unknown>)[k]));
      if (changed.length)
        ops.push({ updateOne: { filter: { _id: company._id }, update: { $set: Object.fromEntries(changed) } } });
    }
    await bulkWriteInChunks(Company as never, ops);
    this.joins.clear();
  }
}

export async function syncCompanies(contactFilter: Filter, options: SyncOptions = {}): Promise<SyncResult> {
  const contacts = await Contact.find(contactFilter, {
    companyName: 1,
    siret: 1,
    companyId: 1,
    companyLink: 1,
    deletedAt: 1,
    ...DERIVABLE,
  })
    .sort({ createdAt: 1, _id: 1 })
    .lean<ContactRow[]>();
  const touched = new Set<string>();
  for (const c of contacts) if (c.companyId) touched.add(String(c.companyId));
  const {
    assignment,
    held,
    createdIds,
    created,
    touched: winners,
  } = await assignCompanies(contacts, undefined, options);
  winners.forEach((id) => touched.add(id));

  // Link the contacts whose company (or pending link) changed.
  const links = new Map<string, string | null>();
  const companyLinks = new Map<string, CompanyLink | null>();
  const pending: string[] = [];
  const contactOps: mongoose.AnyBulkWriteOperation[] = [];
  const now = new Date();
  for (const c of contacts) {
    const companyId = c.deletedAt ? (c.companyId ?? null) : (assignment.get(c)?._id ?? null);
    const waiting = held.get(c);
    const companyLink = c.deletedAt
      ? (c.companyLink ?? null)
      : waiting
        ? heldLink(c, waiting, options.policy, now)
        : null;
    links.set(String(c._id), companyId ? String(companyId) : null);
    companyLinks.set(String(c._id), companyLink);
    if (companyId && !createdIds.has(String(companyId))) touched.add(String(companyId));
    const set: Record<string, unknown> = {};
    if (String(companyId ?? '') !== String(c.companyId ?? '')) set.companyId = companyId;
    if (!sameLink(companyLink, c.companyLink)) {
      set.companyLink = companyLink;
      if (companyLink?.status === 'pending') pending.push(String(c._id));
    }
    if (Object.keys(set).length) contactOps.push({ updateOne: { filter: { _id: c._id }, update: { $set: set } } });
  }
  await bulkWriteInChunks(Contact as never, contactOps);

  // Deals made with these contacts before they had a company get it.
  const orphanDeals = assignment.size
    ? await Deal.find(
        { contactId: { $in: [...assignment.keys()].map((c) => c._id) }, companyId: null },
        { contactId: 1 },
      ).lean()
    : [];
  if (orphanDeals.length) {
    const companyOfContact = new Map([...assignment].map(([c, row]) => [String(c._id), row._id]));
    await bulkWriteInChunks(
      Deal as never,
      orphanDeals.map((d) => ({
        updateOne: {
          filter: { _id: d._id },
          update: { $set: { companyId: companyOfContact.get(String(d.contactId)) } },
        },
      })),
    );
  }

  await refreshCompanies([...touched]);
  return { links, companyLinks, pending, created };
}

/**
 * Inserts new companies. One that lost a race with another request (same matchKey, unique index) is
 * replaced by the winner in `assignment`; the winners' ids are returned, to be refreshed.
 */
async function insertCompanies(
  items: { row: CompanyRow; doc: Record<string, unknown> }[],
  assignment: Map<ContactRow, CompanyRow>,
  lookup: CompanyLookup,
): Promise<string[]> {
  try {
    await Company.insertMany(
      items.map((i) => i.doc),
      { ordered: false },
    );
    return [];
  } catch (err) {
    const inserted = new Set(
      (await Company.find({ _id: { $in: items.map((i) => i.row._id) } }, { _id: 1 }).lean()).map((c) => String(c._id)),
    );
    const lost = items.filter((i) => !inserted.has(String(i.row._id)));
    const winners = await Company.find(
      { matchKey: { $in: lost.map((i) => i.doc.matchKey as string) } },
      { matchKey: 1, ...COMPANY_ROW },
    ).lean<(CompanyRow & { matchKey: string })[]>();
    if (winners.length < lost.length) throw err;
    for (const i of lost) {
      const winner = winners.find((w) => w.matchKey === i.doc.matchKey)!;
      for (const [key, row] of assignment) if (row === i.row) assignment.set(key, winner);
      lookup.replace(i.row, winner);
    }
    return winners.map((w) => String(w._id));
  }
}

interface CompanyState {
  name: string;
  siren?: string | null;
  nafCode?: string | null;
  industry?: string | null;
  revenue?: number | null;
  status?: string | null;
  address?: string | null;
  postalCode?: string | null;
  city?: string | null;
  geoKey?: string | null;
  deletedAt?: Date | null;
}

/** What a company derives from its non-deleted contacts, summed up so that new contacts can be added. */
interface ContactsSummary {
  owners: Set<string>;
  count: number;
  status?: ContactStatus;
  /** From the oldest contact that has one. */
  place?: { address: string | null; postalCode: string | null; city: string | null };
  registry?: { nafCode: string; nafLabel: string };
  revenue?: number;
}

/** Adds contacts (oldest first) to a summary, a new one by default. */
function summarise(contacts: Derivable[], summary: ContactsSummary = { owners: new Set(), count: 0 }): ContactsSummary {
  for (const c of contacts) {
    if (c.assignedTo) summary.owners.add(String(c.assignedTo));
    summary.count += 1;
    summary.status = bestStatus(summary.status ? [summary.status, c.status] : [c.status]);
    if (!summary.place && (c.postalCode || c.city))
      summary.place = { address: c.address ?? null, postalCode: c.postalCode ?? null, city: c.city ?? null };
    if (!summary.registry && c.nafCode && c.nafLabel) summary.registry = { nafCode: c.nafCode, nafLabel: c.nafLabel };
    if (summary.revenue === undefined && typeof c.revenue === 'number') summary.revenue = c.revenue;
  }
  return summary;
}

/**
 * What a company derives from its non-deleted contacts (oldest first): owners, status, counter,
 * address when it has none, industry (NAF) and revenue when it has none and a contact's registry
 * enrichment tells them, position when its place changed, search text; archived while it has
 * neither contact nor deal.
 */
function derive(
  company: CompanyState,
  contacts: ContactsSummary,
  hasDeals: boolean,
  now = new Date(),
): Record<string, unknown> {
  return {
    contactOwners: [...contacts.owners].sort().map((id) => new mongoose.Types.ObjectId(id)),
    contactCount: contacts.count,
    status: contacts.status ?? company.status ?? 'lead',
    deletedAt: contacts.count || hasDeals ? null : (company.deletedAt ?? now),
    ...completion(company, contacts),
  };
}

/**
 * What the contacts complete on a company: its place when it has none, its industry and revenue when
 * a contact's registry enrichment tells them and it has none, then its position and search text.
 */
function completion(company: CompanyState, contacts: ContactsSummary): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  let place = { address: company.address, postalCode: company.postalCode, city: company.city };
  if (!place.postalCode && !place.city && contacts.place) {
    place = contacts.place;
    Object.assign(set, place);
  }
  if (contacts.registry && !company.nafCode && !company.industry)
    Object.assign(set, { nafCode: contacts.registry.nafCode, industry: contacts.registry.nafLabel });
  if (contacts.revenue != null && company.revenue == null) set.revenue = contacts.revenue;
  Object.assign(set, positionOf(place, company.geoKey));
  set.searchText = companySearchText({
    ...company,
    ...place,
    industry: (set.industry as string | undefined) ?? company.industry,
  });
  return set;
}

const same = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) || Array.isArray(b))
    return (
      JSON.stringify((a as unknown[] | undefined)?.map(String) ?? []) ===
      JSON.stringify((b as unknown[] | undefined)?.map(String) ?? [])
    );
  if (a instanceof Date || b instanceof Date) return (a === null) === (b === null) && (a === null || Boolean(b));
  return (a ?? null) === (b ?? null);
};

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
  for (const c of contacts) {
    const key = String(c.companyId);
    byCompany.set(key, summarise([c as Derivable], byCompany.get(key)));
  }
  const ops: mongoose.AnyBulkWriteOperation[] = [];
  for (const company of companies) {
    const set = derive(
      company,
      byCompany.get(String(company._id)) ?? summarise([]),
      withDeals.has(String(company._id)),
    );
    const changed = Object.entries(set).filter(([k, v]) => !same(v, (company as Record<string, unknown>)[k]));
    if (changed.length)
      ops.push({ updateOne: { filter: { _id: company._id }, update: { $set: Object.fromEntries(changed) } } });
  }
  await bulkWriteInChunks(Company as never, ops);
}

/** Position fields for a place, or nothing when the place has not changed since the last computation. */
export function positionOf(place: { postalCode?: string | null; city?: string | null }, previousKey?: string | null) {
  const geoKey = `${place.postalCode ?? ''}|${place.city ? foldPlace(place.city) : ''}`;
  if (geoKey === previousKey) return {};
  const match = locate(place.postalCode, place.city);
  return {
    geoKey,
    communeCode: match?.communeCode ?? null,
    department: match?.department ?? null,
    lat: match?.lat ?? null,
    lng: match?.lng ?? null,
    geoPrecision: match?.precision ?? null,
  };
}

/**
 * For the contacts routes: syncs one contact's company and reflects its link on the document being
 * answered. A failure is logged, not thrown: the contact is saved, and the next sync repairs the company.
 */
export async function linkContact(c: ContactDoc, log = logger, options: SyncOptions = {}): Promise<SyncResult | null> {
  try {
    const result = await syncCompanies({ _id: c._id }, options);
    c.set('companyId', result.links.get(String(c._id)) ?? null);
    c.set('companyLink', result.companyLinks.get(String(c._id)) ?? null);
    return result;
  } catch (err) {
    log.error({ err, contactId: String(c._id) }, 'company sync failed');
    return null;
  }
}
