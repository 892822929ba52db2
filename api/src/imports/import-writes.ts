/**
 * The writes of a batch: new contacts (linked to their companies) and their "created" events, updates
 * of existing contacts, rejected lines. Each can be written again with the same outcome: created
 * contacts and rejects are keyed by their line (a duplicate key means "written already").
 */
import mongoose, { type Types } from 'mongoose';
import { MAX_TAGS } from '../contracts/index.js';
import { linkNewContacts, refreshCompanies, type CompanyLookup, type ContactRow } from '../crm/companies/index.js';
import type { JoinPolicy, PendingJoins } from '../crm/companies/index.js';
import {
  changeEvents,
  computeQuality,
  Contact,
  ContactEvent,
  qualityFields,
  recomputeQuality,
  searchTextOf,
} from '../crm/contacts/index.js';
import type { UserDoc } from '../team/user.model.js';
import { importKeyOf } from './dedup-index.js';
import type { CreateDecision, RejectDecision, UpdateDecision } from './import-decisions.js';
import type { Heartbeat } from './import-lease.js';
import { ImportUndoEntry, undoEntryKey } from './import-undo.model.js';
import { ImportReject, type ImportDoc } from './import.model.js';
import type { ImportedContact } from './rows.js';

/** FerretDB v1 never answers a write batch of 100 updates or more: updates go in smaller chunks. */
const UPDATE_CHUNK = 90;

/** Whether an unordered insert failed only on keys that exist already (written by an earlier run). */
function onlyDuplicateKeys(err: unknown): boolean {
  const errors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
  return Boolean(errors?.length && errors.every((error) => (error.code ?? error.err?.code) === 11000));
}

/** What the writes of a run share, set up once the run is prepared. */
export interface WriteContext {
  imp: ImportDoc;
  importer: UserDoc;
  /** The companies new contacts are matched against (CompanyLookup, read once for the run). */
  companies: CompanyLookup;
  /** Which existing companies the importer's contacts may join (COMPANY_LINK_RULE). */
  joinPolicy: JoinPolicy;
  /** Existing companies new contacts joined, written once at the end of the run. */
  joins: PendingJoins;
  heartbeat: Heartbeat;
  /** Where the last batch's time went (debug log). */
  timings: Record<string, number>;
}

export class ImportWrites {
  private readonly importId: string;

  constructor(private readonly context: WriteContext) {
    this.importId = String(context.imp._id);
  }

  private get tags(): string[] {
    return this.context.imp.config!.tags;
  }

  /**
   * Inserts the new contacts linked to their companies (created complete when missing), then adds them
   * to the existing companies they joined (`joinCompanies`: no read of those companies' contacts).
   */
  async insertContacts(creates: CreateDecision[], assignees: Map<string, Types.ObjectId | null>): Promise<void> {
    if (!creates.length) return;
    const { importer, companies, joinPolicy, joins, timings } = this.context;
    const now = new Date();
    const docs = creates.map(({ id, line, contact }) => {
      const tags = [...new Set([...(contact.tags ?? []), ...this.tags])].slice(0, MAX_TAGS);
      const data = Object.fromEntries(
        Object.entries({ ...contact, tags }).filter(([, value]) => value !== undefined),
      ) as ImportedContact;
      const key = importKeyOf(this.importId, line);
      // Written lean (mongoose would take seconds per thousand to hydrate them): every default is here.
      return {
        ...data,
        _id: new mongoose.Types.ObjectId(id),
        companyId: null as Types.ObjectId | null,
        assignedTo: assignees.get(id) ?? null,
        createdBy: importer._id,
        ...qualityFields(computeQuality(data, null, now)),
        directors: [],
        enrichment: null,
        solvency: null,
        searchText: searchTextOf(data),
        importKey: key,
        importRef: key,
        deletedAt: null,
        createdAt: now,
        updatedAt: now,
      };
    });
    const linkStart = performance.now();
    const joined = await linkNewContacts(docs as ContactRow[], companies, joinPolicy);
    timings.linkMs = Math.round(performance.now() - linkStart);
    try {
      await Contact.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      // Another run of this import created some of them first (its importKey is taken): they exist, and
      // may be counted by their companies already, which are then recomputed from their contacts.
      if (!onlyDuplicateKeys(err)) throw err;
      await refreshCompanies([...joined.keys()]);
      return;
    }
    joins.add(joined);
  }

  /** The "created" entry of each new contact's history, keyed by the contact so that it is written once. */
  async insertCreatedEvents(creates: CreateDecision[]): Promise<void> {
    if (!creates.length) return;
    await ContactEvent.insertMany(
      creates.map((decision) => ({
        _id: new mongoose.Types.ObjectId(decision.id),
        contactId: new mongoose.Types.ObjectId(decision.id),
        type: 'created',
        from: null,
        to: decision.contact.status,
        by: this.context.importer._id,
        at: new Date(),
      })),
      { ordered: false, lean: true },
    ).catch((err: unknown) => {
      if (!onlyDuplicateKeys(err)) throw err;
    });
  }

  /** Duplicates in "update" mode: the filled-in cells replace the contact's values; tags are added. */
  async updateContacts(updates: UpdateDecision[]): Promise<void> {
    if (!updates.length) return;
    for (const { id, line, contact, filled } of updates) {
      const existing = await Contact.findById(id).lean();
      if (!existing) continue;
      const set: Record<string, unknown> = { importRef: importKeyOf(this.importId, line) };
      for (const field of filled) if (field !== 'tags') set[field] = contact[field];
      set.searchText = searchTextOf({ ...existing, ...set });
      const tags = [...new Set([...(contact.tags ?? []), ...this.tags])];
      await this.recordBefore(existing as unknown as Record<string, unknown>, Object.keys(set), tags);
      await Contact.updateOne(
        { _id: id },
        { $set: set, ...(tags.length ? { $addToSet: { tags: { $each: tags } } } : {}) },
      );
      const events = changeEvents(
        id,
        { status: existing.status, notes: existing.notes ?? null },
        {
          status: (set.status as string | undefined) ?? existing.status,
          notes: (set.notes as string | undefined) ?? existing.notes ?? null,
        },
      );
      if (events.length)
        await ContactEvent.insertMany(
          events.map((event) => ({ ...event, by: this.context.importer._id })),
          { ordered: false },
        );
      await this.context.heartbeat.beatIfDue();
    }
    const ids = updates.map((update) => update.id);
    for (let start = 0; start < ids.length; start += UPDATE_CHUNK)
      await recomputeQuality(ids.slice(start, start + UPDATE_CHUNK));
  }

  /**
   * The values an update is about to replace, for the undo of the import (import-undo.model.ts).
   * Written once: a resumed run finds the entry and keeps the values from before the import.
   */
  private async recordBefore(existing: Record<string, unknown>, fields: string[], tags: string[]): Promise<void> {
    const before: Record<string, unknown> = {};
    for (const field of fields) if (field !== 'searchText') before[field] = existing[field] ?? null;
    const had = new Set((existing.tags as string[] | undefined) ?? []);
    const contactId = String(existing._id);
    await ImportUndoEntry.create({
      _id: undoEntryKey(this.importId, contactId),
      importId: this.context.imp._id,
      contactId,
      before,
      addedTags: tags.filter((tag) => !had.has(tag)),
    }).catch((err: unknown) => {
      if ((err as { code?: number }).code !== 11000) throw err;
    });
  }

  async insertRejects(rejects: RejectDecision[]): Promise<void> {
    if (!rejects.length) return;
    const { imp } = this.context;
    const header = (column: number | null) =>
      column === null || column < 0 ? null : (imp.headers[column] ?? `Colonne ${column + 1}`);
    await ImportReject.insertMany(
      rejects.map((reject) => ({
        _id: importKeyOf(this.importId, reject.line),
        importId: imp._id,
        line: reject.line,
        kind: reject.reject,
        problems: reject.problems.map((problem) => ({ column: header(problem.column), message: problem.message })),
        values: reject.values,
      })),
      { ordered: false, lean: true },
    ).catch((err: unknown) => {
      if (!onlyDuplicateKeys(err)) throw err;
    });
  }
}
