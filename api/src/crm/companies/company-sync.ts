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
import { bulkWriteInChunks } from '../../db/bulk.js';
import { logger } from '../../logger.js';
import type { JoinPolicy } from './company-join-policy.js';
import { Contact, type ContactDoc } from '../contacts/index.js';
import { derive, DERIVABLE, summarise } from './company-derive.js';
import { COMPANY_ROW, CompanyLookup, nameKeyOf, nameMatchKey, sirenOf, type CompanyRow } from './company-lookup.js';
import { refreshCompanies, type CompanyJoins } from './company-refresh.js';
import { Company } from './company.model.js';
import type { CompanyLink, ContactRow } from './contact-row.js';
import { Deal } from '../deals/index.js';

type Id = Types.ObjectId;

/** How a sync treats links to existing companies. */
export interface SyncOptions {
  /** Whose write this is: without one (system, demo data), every company may be joined. */
  policy?: JoinPolicy;
  /** An administrator approves the pending links of these contacts. */
  approve?: boolean;
}

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
    .filter((contact) => !contact.deletedAt && contact.companyName?.trim())
    .map((contact) => {
      const name = contact.companyName!.trim();
      return {
        contact,
        name,
        nameKey: nameKeyOf(name),
        siren: sirenOf(contact.siret),
        postalCode: contact.postalCode ?? null,
      };
    });

  // Existing companies, archived ones included (a company comes back with its contacts): one query.
  const lookup =
    known ??
    (await CompanyLookup.load({
      sirens: [...new Set(wanted.map((want) => want.siren).filter((siren): siren is string => !!siren))],
      nameKeys: [...new Set(wanted.map((want) => want.nameKey))],
    }));

  const mayJoin = await joinableCompanies(wanted, lookup, options.policy);

  // Companies to create, deduplicated within the batch (contacts with a SIREN first, so that a contact
  // without one joins the company of a same-named contact that has one).
  const toCreate = new Map<string, { row: CompanyRow; doc: Record<string, unknown>; contacts: ContactRow[] }>();
  const sirenToSet = new Map<string, string>();
  const assignment = new Map<ContactRow, CompanyRow>();
  const held = new Map<ContactRow, CompanyRow>();
  for (const want of [...wanted].sort((first, second) => Number(!!second.siren) - Number(!!first.siren))) {
    let row = lookup.find(want);
    if (row && !toCreate.has(String(row._id)) && isHeld(want.contact, row, mayJoin, options)) {
      held.set(want.contact, row);
      continue;
    }
    if (row && want.siren && !row.siren) {
      lookup.setSiren(row, want.siren);
      sirenToSet.set(String(row._id), want.siren);
    }
    if (!row) {
      const doc = {
        _id: new mongoose.Types.ObjectId(),
        name: want.name,
        nameKey: want.nameKey,
        matchKey: want.siren ? `siren:${want.siren}` : nameMatchKey(want.nameKey, want.postalCode),
        siren: want.siren,
        siret: want.siren ? want.contact.siret : undefined,
      };
      row = { _id: doc._id, nameKey: want.nameKey, siren: want.siren, postalCode: want.postalCode };
      lookup.remember(row);
      toCreate.set(String(doc._id), { row, doc, contacts: [] });
    }
    toCreate.get(String(row._id))?.contacts.push(want.contact);
    assignment.set(want.contact, row);
  }

  // New companies are written once, complete: only this batch's contacts can belong to them yet.
  let created = 0;
  if (toCreate.size) {
    const items = [...toCreate.values()].map((item) => {
      const doc = {
        ...item.doc,
        ...derive(item.doc as { name: string; siren?: string | null }, summarise(item.contacts), false),
      };
      return { ...item, doc };
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
  for (const want of wanted) {
    const row = lookup.find(want);
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

const sameLink = (first?: CompanyLink | null, second?: CompanyLink | null) =>
  (first ?? null) === (second ?? null) ||
  (!!first && !!second && String(first.companyId) === String(second.companyId) && first.status === second.status);

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
  for (const contact of contacts) if (contact.companyId) touched.add(String(contact.companyId));
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
  const contactOperations: mongoose.AnyBulkWriteOperation[] = [];
  const now = new Date();
  for (const contact of contacts) {
    const companyId = contact.deletedAt ? (contact.companyId ?? null) : (assignment.get(contact)?._id ?? null);
    const waiting = held.get(contact);
    const companyLink = contact.deletedAt
      ? (contact.companyLink ?? null)
      : waiting
        ? heldLink(contact, waiting, options.policy, now)
        : null;
    links.set(String(contact._id), companyId ? String(companyId) : null);
    companyLinks.set(String(contact._id), companyLink);
    if (companyId && !createdIds.has(String(companyId))) touched.add(String(companyId));
    const set: Record<string, unknown> = {};
    if (String(companyId ?? '') !== String(contact.companyId ?? '')) set.companyId = companyId;
    if (!sameLink(companyLink, contact.companyLink)) {
      set.companyLink = companyLink;
      if (companyLink?.status === 'pending') pending.push(String(contact._id));
    }
    if (Object.keys(set).length)
      contactOperations.push({ updateOne: { filter: { _id: contact._id }, update: { $set: set } } });
  }
  await bulkWriteInChunks(Contact as never, contactOperations);

  // Deals made with these contacts before they had a company get it.
  const orphanDeals = assignment.size
    ? await Deal.find(
        { contactId: { $in: [...assignment.keys()].map((contact) => contact._id) }, companyId: null },
        { contactId: 1 },
      ).lean()
    : [];
  if (orphanDeals.length) {
    const companyOfContact = new Map([...assignment].map(([contact, row]) => [String(contact._id), row._id]));
    await bulkWriteInChunks(
      Deal as never,
      orphanDeals.map((deal) => ({
        updateOne: {
          filter: { _id: deal._id },
          update: { $set: { companyId: companyOfContact.get(String(deal.contactId)) } },
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
      items.map((item) => item.doc),
      { ordered: false },
    );
    return [];
  } catch (err) {
    const inserted = new Set(
      (await Company.find({ _id: { $in: items.map((item) => item.row._id) } }, { _id: 1 }).lean()).map((company) =>
        String(company._id),
      ),
    );
    const lost = items.filter((item) => !inserted.has(String(item.row._id)));
    const winners = await Company.find(
      { matchKey: { $in: lost.map((item) => item.doc.matchKey as string) } },
      { matchKey: 1, ...COMPANY_ROW },
    ).lean<(CompanyRow & { matchKey: string })[]>();
    if (winners.length < lost.length) throw err;
    for (const item of lost) {
      const winner = winners.find((candidate) => candidate.matchKey === item.doc.matchKey)!;
      for (const [key, row] of assignment) if (row === item.row) assignment.set(key, winner);
      lookup.replace(item.row, winner);
    }
    return winners.map((winner) => String(winner._id));
  }
}

/**
 * For the contacts routes: syncs one contact's company and reflects its link on the document being
 * answered. A failure is logged, not thrown: the contact is saved, and the next sync repairs the company.
 */
export async function linkContact(
  contact: ContactDoc,
  log = logger,
  options: SyncOptions = {},
): Promise<SyncResult | null> {
  try {
    const result = await syncCompanies({ _id: contact._id }, options);
    contact.set('companyId', result.links.get(String(contact._id)) ?? null);
    contact.set('companyLink', result.companyLinks.get(String(contact._id)) ?? null);
    return result;
  } catch (err) {
    log.error({ err, contactId: String(contact._id) }, 'company sync failed');
    return null;
  }
}
