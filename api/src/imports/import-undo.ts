/**
 * Undo of a whole import, by the Agenda job `crm.contact-import-undo`: the contacts it created go to
 * the trash (soft deletion, `deletedAt` = the undo's date), the contacts it updated get back the values
 * recorded before the update (import-undo.model.ts). A contact changed since the import finished
 * (`updatedAt` later than the import's `finishedAt`; for a created one, also an activity or a deal
 * attached to it) is left as it is and listed.
 *
 * Resumable and idempotent: contacts are taken in `_id` order, the checkpoint (phase, last id, counts)
 * is saved after each batch, and every step can be done twice with the same outcome — a removed contact
 * is no longer live, a restored entry carries `restoredAt` (and a contact already holding its
 * before-values counts as restored). The recovery job (import.job.ts) queues a run for an undo whose
 * heartbeat is stale.
 */
import type { Job } from 'agenda';
import mongoose from 'mongoose';
import { IMPORT_UNDO_LISTED } from '../contracts/index.js';
import { Activity } from '../crm/activities/index.js';
import { refreshCompanies, syncCompanies } from '../crm/companies/index.js';
import { changeEvents, Contact, ContactEvent, recomputeQuality, searchTextOf } from '../crm/contacts/index.js';
import { Deal } from '../crm/deals/index.js';
import { jobs } from '../jobs/agenda.js';
import { logger } from '../logger.js';
import { ImportUndoEntry } from './import-undo.model.js';
import { ContactImport, type ImportDoc } from './import.model.js';

export const IMPORT_UNDO_JOB = 'crm.contact-import-undo';
const BATCH = 200;
/** FerretDB v1 never answers a write batch of 100 updates or more. */
const QUALITY_CHUNK = 90;
const CHANGED = 'Modifié depuis l’import';
const GONE = 'Supprimé depuis l’import';
const ACTED = 'Activité ou deal ajouté depuis l’import';

type Id = mongoose.Types.ObjectId;
const prefixOf = (importId: string) => ({ $regex: `^${importId}:` });

/** A finished import that may be undone (an upload never started has nothing to undo). */
export function isUndoable(imp: ImportDoc): boolean {
  return ['completed', 'cancelled', 'failed'].includes(imp.status) && !!imp.config && !!imp.finishedAt && !imp.undo;
}

/** Contacts the undo will look at: those the import created and still live, and those it updated. */
export async function undoTotal(importId: string): Promise<number> {
  const [created, updated] = await Promise.all([
    Contact.countDocuments({ importKey: prefixOf(importId), deletedAt: null }),
    ImportUndoEntry.countDocuments({ importId }),
  ]);
  return created + updated;
}

export async function enqueueUndo(importId: string): Promise<void> {
  try {
    await jobs().now(IMPORT_UNDO_JOB, { importId });
  } catch (err) {
    logger.warn({ err, importId }, 'import undo not queued now; the recovery job will');
  }
}

interface UndoState {
  processed: number;
  skipped: number;
  skippedContacts: { id: string; name: string; reason: string }[];
  checkpoint: { phase: 'created' | 'updated'; lastId: string | null };
}

const nameOf = (c: { firstName?: string | null; lastName?: string | null }) =>
  `${c.firstName ?? ''} ${c.lastName ?? ''}`.trim();

class UndoRun {
  private readonly id: string;
  private readonly since: Date;
  private readonly at: Date;
  private readonly by: Id;
  private state: UndoState;

  constructor(
    private readonly imp: ImportDoc,
    private readonly job?: Job,
  ) {
    this.id = String(imp._id);
    this.since = imp.finishedAt!;
    const undo = imp.undo!;
    this.at = undo.at;
    this.by = undo.requestedBy as Id;
    this.state = {
      processed: undo.processed ?? 0,
      skipped: undo.skipped ?? 0,
      skippedContacts: (undo.skippedContacts ?? []).map((s) => ({
        id: s.id ?? '',
        name: s.name ?? '',
        reason: s.reason ?? '',
      })),
      checkpoint: {
        phase: undo.checkpoint?.phase === 'updated' ? 'updated' : 'created',
        lastId: undo.checkpoint?.lastId ?? null,
      },
    };
  }

  async execute(): Promise<void> {
    await this.save({ 'undo.status': 'running' });
    if (this.state.checkpoint.phase === 'created') {
      await this.removeCreated();
      this.state.checkpoint = { phase: 'updated', lastId: null };
      await this.save();
    }
    await this.restoreUpdated();
    const [removed, restored] = await Promise.all([
      Contact.countDocuments({ importKey: prefixOf(this.id), deletedAt: this.at }),
      ImportUndoEntry.countDocuments({ importId: this.imp._id, restoredAt: { $ne: null } }),
    ]);
    await this.save({
      'undo.status': 'completed',
      'undo.finishedAt': new Date(),
      'undo.removed': removed,
      'undo.restored': restored,
      'undo.heartbeatAt': null,
    });
    logger.info({ importId: this.id, removed, restored, skipped: this.state.skipped }, 'contacts import undone');
  }

  private skip(id: string, name: string, reason: string): void {
    this.state.skipped++;
    if (this.state.skippedContacts.length < IMPORT_UNDO_LISTED && !this.state.skippedContacts.some((s) => s.id === id))
      this.state.skippedContacts.push({ id, name, reason });
  }

  /** The checkpoint, counts and heartbeat, with `more` fields of the undo. */
  private async save(more: Record<string, unknown> = {}): Promise<void> {
    await ContactImport.updateOne(
      { _id: this.imp._id },
      {
        $set: {
          'undo.processed': this.state.processed,
          'undo.skipped': this.state.skipped,
          'undo.skippedContacts': this.state.skippedContacts,
          'undo.checkpoint': this.state.checkpoint,
          'undo.heartbeatAt': new Date(),
          ...more,
        },
      },
    );
    await this.job
      ?.touch()
      .catch((err: unknown) => logger.warn({ err, importId: this.id }, 'undo job lock not renewed'));
  }

  private async removeCreated(): Promise<void> {
    const { lastId } = this.state.checkpoint;
    const cursor = Contact.find(
      { importKey: prefixOf(this.id), deletedAt: null, ...(lastId ? { _id: { $gt: lastId } } : {}) },
      { firstName: 1, lastName: 1, updatedAt: 1, companyId: 1 },
    )
      .sort({ _id: 1 })
      .lean()
      .cursor({ batchSize: 500 });
    let batch: { _id: Id; firstName: string; lastName: string; updatedAt: Date; companyId?: Id | null }[] = [];
    for await (const contact of cursor) {
      batch.push(contact as never);
      if (batch.length < BATCH) continue;
      await this.removeBatch(batch);
      batch = [];
    }
    if (batch.length) await this.removeBatch(batch);
  }

  private async removeBatch(
    batch: { _id: Id; firstName: string; lastName: string; updatedAt: Date; companyId?: Id | null }[],
  ) {
    const ids = batch.map((c) => c._id);
    const [withActivities, withDeals] = await Promise.all([
      Activity.distinct('contactId', { contactId: { $in: ids } }),
      Deal.distinct('contactId', { contactId: { $in: ids } }),
    ]);
    const acted = new Set([...withActivities, ...withDeals].map(String));
    const removable: Id[] = [];
    for (const c of batch) {
      if (c.updatedAt > this.since) this.skip(String(c._id), nameOf(c), CHANGED);
      else if (acted.has(String(c._id))) this.skip(String(c._id), nameOf(c), ACTED);
      else removable.push(c._id);
    }
    if (removable.length)
      // updatedAt in the condition: a contact edited between the read and this write stays.
      await Contact.updateMany(
        { _id: { $in: removable }, deletedAt: null, updatedAt: { $lte: this.since } },
        { $set: { deletedAt: this.at } },
      );
    const companies = [...new Set(batch.flatMap((c) => (c.companyId ? [String(c.companyId)] : [])))];
    if (companies.length) await refreshCompanies(companies);
    this.state.processed += batch.length;
    this.state.checkpoint = { phase: 'created', lastId: String(ids[ids.length - 1]) };
    await this.save();
  }

  private async restoreUpdated(): Promise<void> {
    const { lastId } = this.state.checkpoint;
    const cursor = ImportUndoEntry.find({ importId: this.imp._id, ...(lastId ? { _id: { $gt: lastId } } : {}) })
      .sort({ _id: 1 })
      .lean()
      .cursor({ batchSize: 500 });
    let batch: EntryRow[] = [];
    for await (const entry of cursor) {
      batch.push(entry as EntryRow);
      if (batch.length < BATCH) continue;
      await this.restoreBatch(batch);
      batch = [];
    }
    if (batch.length) await this.restoreBatch(batch);
  }

  private async restoreBatch(batch: EntryRow[]): Promise<void> {
    const restored: Id[] = [];
    for (const entry of batch) {
      if (entry.restoredAt) continue;
      const outcome = await this.restore(entry);
      if (outcome === 'restored') restored.push(entry.contactId);
    }
    for (let start = 0; start < restored.length; start += QUALITY_CHUNK)
      await recomputeQuality(restored.slice(start, start + QUALITY_CHUNK));
    if (restored.length) await syncCompanies({ _id: { $in: restored } });
    this.state.processed += batch.length;
    this.state.checkpoint = { phase: 'updated', lastId: batch[batch.length - 1]!._id };
    await this.save();
  }

  private async restore(entry: EntryRow): Promise<'restored' | 'skipped'> {
    const contact = await Contact.findById(entry.contactId).lean();
    const id = String(entry.contactId);
    if (!contact || contact.deletedAt) {
      this.skip(id, contact ? nameOf(contact) : '', GONE);
      return 'skipped';
    }
    const current = contact as unknown as Record<string, unknown>;
    const before = entry.before ?? {};
    const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
    const tags = (contact.tags ?? []) as string[];
    const alreadyBack =
      Object.entries(before).every(([f, v]) => same(current[f], v)) && !entry.addedTags.some((t) => tags.includes(t));
    if (!alreadyBack && contact.updatedAt > this.since) {
      this.skip(id, nameOf(contact), CHANGED);
      return 'skipped';
    }
    if (!alreadyBack) {
      const set: Record<string, unknown> = {};
      const unset: Record<string, 1> = {};
      for (const [field, value] of Object.entries(before)) {
        if (value === null) unset[field] = 1;
        else set[field] = value;
      }
      const next = { ...current, ...set, ...Object.fromEntries(Object.keys(unset).map((k) => [k, undefined])) };
      set.searchText = searchTextOf(next);
      const updated = await Contact.updateOne(
        { _id: entry.contactId, updatedAt: contact.updatedAt },
        {
          $set: set,
          ...(Object.keys(unset).length ? { $unset: unset } : {}),
          ...(entry.addedTags.length ? { $pullAll: { tags: entry.addedTags } } : {}),
        },
      );
      if (!updated.matchedCount) {
        this.skip(id, nameOf(contact), CHANGED);
        return 'skipped';
      }
      const events = changeEvents(
        entry.contactId,
        { status: contact.status, notes: contact.notes ?? null },
        {
          status: (set.status as string | undefined) ?? contact.status,
          notes: (next.notes as string | undefined) ?? null,
        },
      );
      if (events.length)
        await ContactEvent.insertMany(
          events.map((e) => ({ ...e, by: this.by, at: new Date() })),
          { ordered: false },
        );
    }
    await ImportUndoEntry.updateOne({ _id: entry._id }, { $set: { restoredAt: new Date() } });
    return 'restored';
  }
}

interface EntryRow {
  _id: string;
  contactId: Id;
  before: Record<string, unknown>;
  addedTags: string[];
  restoredAt: Date | null;
}

const MAX_FAILURES = 3;

/** The job: one run of an undo, from its checkpoint to the end. */
export async function runUndo(importId: string, job?: Job): Promise<void> {
  const imp = await ContactImport.findById(importId);
  if (!imp?.undo || !['queued', 'running'].includes(imp.undo.status) || !imp.finishedAt) return;
  try {
    await new UndoRun(imp, job).execute();
  } catch (err) {
    if (mongoose.connection.readyState !== 1) return;
    const failures = (imp.undo.failures ?? 0) + 1;
    logger.error({ err, importId, failures }, 'contacts import undo failed');
    await ContactImport.updateOne(
      { _id: imp._id },
      failures >= MAX_FAILURES
        ? {
            $set: {
              'undo.status': 'failed',
              'undo.finishedAt': new Date(),
              'undo.heartbeatAt': null,
              'undo.error': 'L’annulation a échoué plusieurs fois de suite. Les contacts déjà traités le restent.',
            },
          }
        : { $set: { 'undo.heartbeatAt': null, 'undo.failures': failures } },
    );
  }
}

/** Queues a run for every undo without a live run (stale heartbeat); returns how many. */
export async function recoverUndos(staleBefore: Date): Promise<number> {
  const pending = await ContactImport.find({ 'undo.status': { $in: ['queued', 'running'] } }, { undo: 1 }).lean();
  let queued = 0;
  for (const imp of pending) {
    const beat = imp.undo?.heartbeatAt ?? imp.undo?.at;
    if (beat && beat > staleBefore) continue;
    await enqueueUndo(String(imp._id));
    queued++;
  }
  return queued;
}
