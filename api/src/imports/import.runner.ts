/**
 * The background run of a contacts import (Agenda job `crm.contact-import`).
 *
 * Resumable and idempotent, without transactions (FerretDB v1 has none):
 * - The file is read in batches (IMPORT_BATCH_SIZE rows). After each batch the run writes, in one
 *   update of the import document, the checkpoint (last line done, next round-robin turn) with the
 *   counts and the progress. A new run starts on the line after the checkpoint.
 * - Writing a batch again changes nothing: a created contact carries `importKey = <importId>:<line>`
 *   (unique index) and is recognised as already created; rejected lines are keyed the same way; an
 *   update of an existing contact sets the same values again. Decisions are deterministic (same rows,
 *   same order, same round-robin turn), so a batch cut short by a crash is simply done again.
 * - One run at a time: a run takes a generation number by inserting the claim `run:<n+1>` (an `_id`
 *   insert, atomic even on FerretDB, whose conditional updates are not) and keeps a heartbeat on the
 *   import. Another run may only start once the heartbeat is older than IMPORT_LEASE_SECONDS; a run
 *   that finds the next generation claimed stops before its next checkpoint.
 * - Agenda runs a job again once its lock expires (a killed process), and the recovery job (every
 *   minute and at start-up) queues a run for every active import whose heartbeat is stale.
 * - Cancelling inserts a claim the run checks before each batch: the run is the only writer of the
 *   import document while it works.
 */
import type { Job } from 'agenda';
import fs from 'node:fs';
import path from 'node:path';
import mongoose, { type Types } from 'mongoose';
import { subject } from '@casl/ability';
import { buildAuthContext } from '../authz/index.js';
import type { Config } from '../config.js';
import {
  IMPORT_ACTIVE_STATUSES,
  MAX_TAGS,
  normalisePhone,
  type ImportCounts,
  type ImportStatus,
} from '../contracts/index.js';
import {
  CompanyLookup,
  linkNewContacts,
  PendingJoins,
  refreshCompanies,
  syncCompanies,
  type ContactRow,
} from '../crm/companies/index.js';
import { joinPolicyOf, type JoinPolicy } from '../crm/companies/index.js';
import { notifyPendingImportLinks } from '../crm/companies/index.js';
import { changeEvents, ContactEvent } from '../crm/contacts/index.js';
import { Contact, searchTextOf } from '../crm/contacts/index.js';
import { computeQuality, qualityFields, recomputeQuality } from '../crm/contacts/index.js';
import { claimOnce, JobClaim } from '../jobs/claims.js';
import { defineJob, jobs } from '../jobs/agenda.js';
import { logger } from '../logger.js';
import { User, type UserDoc } from '../team/user.model.js';
import { readRecords, type SourceRecord } from './csv-source.js';
import { ContactImport, ImportReject, type ImportDoc } from './import.model.js';
import { validateRow, type ImportedContact, type RowProblem } from './rows.js';

export const IMPORT_JOB = 'crm.contact-import';
export const IMPORT_RECOVERY_JOB = 'crm.contact-import-recovery';
/** An upload never started is removed after this long. */
const ABANDONED_AFTER_MS = 24 * 3600_000;
/** A run that failed this many times marks the import failed. */
const MAX_FAILURES = 3;
/** FerretDB v1 never answers a write batch of 100 updates or more: updates go in smaller chunks. */
const UPDATE_CHUNK = 90;

export interface ImportSettings {
  dir: string;
  batchSize: number;
  leaseMs: number;
}
let settings: ImportSettings = { dir: '', batchSize: 1000, leaseMs: 60_000 };
export const importSettings = (): ImportSettings => settings;

const runClaim = (id: string, generation: number) => `contact-import:${id}:run:${generation}`;
const cancelClaim = (id: string) => `contact-import:${id}:cancel`;
export const importKeyOf = (id: string, line: number) => `${id}:${line}`;

export async function isCancelRequested(id: string): Promise<boolean> {
  return Boolean(await JobClaim.exists({ _id: cancelClaim(id) }));
}

/** Queues a run; without a scheduler (not started yet), the recovery job queues it later. */
export async function enqueueImport(id: string): Promise<void> {
  try {
    await jobs().now(IMPORT_JOB, { importId: id });
  } catch (err) {
    logger.warn({ err, importId: id }, 'import not queued now; the recovery job will');
  }
}

/** Another run may start: none yet, or its heartbeat is stale. Returns the generation taken, or null. */
async function acquire(imp: ImportDoc): Promise<number | null> {
  const beat = imp.run?.heartbeatAt?.getTime();
  if (beat && Date.now() - beat < settings.leaseMs) return null;
  const generation = (imp.run?.generation ?? 0) + 1;
  if (!(await claimOnce(runClaim(String(imp._id), generation)))) return null;
  const now = new Date();
  await ContactImport.updateOne(
    { _id: imp._id },
    {
      $set: {
        status: 'running',
        'run.generation': generation,
        'run.heartbeatAt': now,
        startedAt: imp.startedAt ?? now,
      },
    },
  );
  return generation;
}

async function removeFile(file: string): Promise<void> {
  await fs.promises
    .rm(file, { force: true })
    .catch((err: unknown) => logger.warn({ err, file }, 'import file not removed'));
}

/** Ends an import that no run holds (cancelled before it started, abandoned upload). */
export async function closeImport(imp: ImportDoc, status: ImportStatus): Promise<void> {
  await ContactImport.updateOne(
    { _id: imp._id },
    { $set: { status, finishedAt: new Date(), 'progress.etaSeconds': 0 } },
  );
  await removeFile(imp.filePath);
}

/** Cancel: the run stops before its next batch; an import not started yet stops at once. */
export async function requestCancel(imp: ImportDoc): Promise<void> {
  await claimOnce(cancelClaim(String(imp._id)));
  if (imp.status === 'analysed') return closeImport(imp, 'cancelled');
  if (imp.status === 'queued' && (await acquire(imp)) !== null) await closeImport(imp, 'cancelled');
}

/** A run that lost its import to another one (or the process is stopping): it just stops. */
class RunLost extends Error {}

/** Contacts seen by the deduplication: existing ones, and those this import made or touched. */
class DedupIndex {
  readonly byEmail = new Map<string, string>();
  readonly byPhone = new Map<string, string>();
  /** Line of this import that created or last updated the contact. */
  readonly lines = new Map<string, number>();
  /** importKey → contact id, for the contacts this import created already. */
  readonly created = new Map<string, string>();
  /** Owner and status of existing contacts (update mode: scope check, status events). */
  readonly info = new Map<string, { assignedTo: string | null; status: string }>();

  constructor(
    private readonly importId: string,
    readonly keys: { email: boolean; phone: boolean },
  ) {}

  static emailKey = (v: string) => v.trim().toLowerCase();
  static phoneKey = (v: string) => normalisePhone(v) ?? v.replace(/\s+/g, '');

  add(
    id: string,
    c: { email?: string | null; phone?: string | null; importKey?: string | null; importRef?: string | null },
    line?: number,
  ): void {
    const prefix = `${this.importId}:`;
    if (c.importKey?.startsWith(prefix)) this.created.set(c.importKey, id);
    const ownLine = line ?? (c.importRef?.startsWith(prefix) ? Number(c.importRef.slice(prefix.length)) : undefined);
    if (ownLine !== undefined) this.lines.set(id, ownLine);
    // Same e-mail on several contacts: the one this import touched is the one that counts.
    const set = (map: Map<string, string>, key: string) => {
      if (!map.has(key) || ownLine !== undefined) map.set(key, id);
    };
    if (this.keys.email && c.email) set(this.byEmail, DedupIndex.emailKey(c.email));
    if (this.keys.phone && c.phone) set(this.byPhone, DedupIndex.phoneKey(c.phone));
  }

  /** The contact with the row's e-mail, else its phone. */
  match(c: ImportedContact): { id: string; by: 'email' | 'phone' } | undefined {
    const email = this.keys.email && c.email ? this.byEmail.get(DedupIndex.emailKey(c.email)) : undefined;
    if (email) return { id: email, by: 'email' };
    const phone = this.keys.phone && c.phone ? this.byPhone.get(DedupIndex.phoneKey(c.phone)) : undefined;
    return phone ? { id: phone, by: 'phone' } : undefined;
  }
}

type Decision =
  | { kind: 'create'; line: number; contact: ImportedContact; id: string; existing: boolean }
  | { kind: 'update'; line: number; contact: ImportedContact; filled: (keyof ImportedContact)[]; id: string }
  | { kind: 'reject'; line: number; reject: 'error' | 'duplicate'; problems: RowProblem[]; values: string[] };

const BY_LABEL = { email: 'le même e-mail', phone: 'le même téléphone' } as const;

class ImportRun {
  private readonly id: string;
  private readonly prefix: string;
  private counts: ImportCounts;
  private checkpoint: { line: number; assignIndex: number };
  private processed: number;
  private readonly startedAt = Date.now();
  private readonly processedAtStart: number;
  private lastBeat = Date.now();
  private index!: DedupIndex;
  /** The companies new contacts are matched against, read once for the run (CompanyLookup). */
  private companies!: CompanyLookup;
  /** Existing companies new contacts joined, written once at the end (kept with the checkpoint). */
  private readonly joins = new PendingJoins();
  /** Where the last batch's time went (debug log). */
  private readonly timings: Record<string, number> = {};
  private importer!: UserDoc;
  /** Which existing companies the importer's contacts may join (COMPANY_LINK_RULE). */
  private joinPolicy!: JoinPolicy;
  private canUpdate!: (info: { assignedTo: string | null }) => boolean;

  constructor(
    private readonly imp: ImportDoc,
    private readonly generation: number,
    private readonly job?: Job,
  ) {
    this.id = String(imp._id);
    this.prefix = `${this.id}:`;
    const c = imp.counts;
    this.counts = {
      imported: c?.imported ?? 0,
      updated: c?.updated ?? 0,
      duplicates: c?.duplicates ?? 0,
      errors: c?.errors ?? 0,
    };
    this.checkpoint = {
      line: Math.max(imp.checkpoint?.line ?? 0, imp.headerEndLine),
      assignIndex: imp.checkpoint?.assignIndex ?? 0,
    };
    this.processed = imp.progress?.processed ?? 0;
    this.processedAtStart = this.processed;
  }

  private get config() {
    return this.imp.config!;
  }

  async execute(): Promise<void> {
    if (!fs.existsSync(this.imp.filePath)) throw new Error('IMPORT_FILE_MISSING');
    if (await isCancelRequested(this.id)) return this.finish('cancelled');
    await this.prepare();
    const format = { encoding: this.imp.encoding, delimiter: this.imp.delimiter };
    let batch: SourceRecord[] = [];
    for await (const record of readRecords(this.imp.filePath, format, this.checkpoint.line + 1)) {
      batch.push(record);
      if (batch.length < settings.batchSize) continue;
      if (await isCancelRequested(this.id)) return this.finish('cancelled');
      await this.processBatch(batch);
      batch = [];
    }
    if (batch.length) await this.processBatch(batch);
    await this.finish('completed');
  }

  /**
   * The importer's rights, the companies to match (one pass over them) and the deduplication index (one
   * pass over the contacts).
   */
  private async prepare(): Promise<void> {
    const importer = await User.findById(this.imp.createdBy);
    if (!importer) throw new Error('IMPORTER_MISSING');
    this.importer = importer;
    const { ability } = await buildAuthContext(importer);
    this.joinPolicy = joinPolicyOf(ability, importer);
    this.canUpdate = (info) => ability.can('update', subject('Contact', { assignedTo: info.assignedTo }) as never);
    // A run that stopped before writing the companies its contacts joined: they are recomputed.
    if (this.imp.pendingCompanies?.length) await refreshCompanies(this.imp.pendingCompanies);
    this.companies = await CompanyLookup.load();
    const dedup = new Set(this.config.dedupBy);
    this.index = new DedupIndex(this.id, { email: dedup.has('email'), phone: dedup.has('phone') });
    const resuming = this.checkpoint.line > this.imp.headerEndLine || this.generation > 1;
    if (!dedup.size && !resuming) return;
    const update = this.config.onDuplicate === 'update';
    const cursor = Contact.find(dedup.size ? {} : { importKey: { $regex: `^${this.prefix}` } }, {
      email: 1,
      phone: 1,
      importKey: 1,
      importRef: 1,
      deletedAt: 1,
      ...(update ? { assignedTo: 1, status: 1 } : {}),
    })
      .lean()
      .cursor({ batchSize: 2000 });
    for await (const c of cursor) {
      const id = String(c._id);
      if (c.deletedAt) {
        // A deleted contact is no duplicate, but one this import created stays created.
        if (c.importKey?.startsWith(this.prefix)) this.index.created.set(c.importKey, id);
        continue;
      }
      this.index.add(id, c);
      if (update) this.index.info.set(id, { assignedTo: c.assignedTo ? String(c.assignedTo) : null, status: c.status });
    }
  }

  private nextAssignee(): Types.ObjectId | null {
    const c = this.config;
    if (c.assignment === 'one') return c.assignTo ?? null;
    if (c.assignment !== 'round_robin' || !c.assignees.length) return null;
    const member = c.assignees[this.checkpoint.assignIndex % c.assignees.length]!;
    this.checkpoint.assignIndex++;
    return member;
  }

  private decide(record: SourceRecord): Decision {
    const { line } = record;
    if (record.broken !== undefined)
      return {
        kind: 'reject',
        line,
        reject: 'error',
        problems: [{ column: null, message: record.broken }],
        values: [],
      };
    const outcome = validateRow(record.cells, this.imp.columns as never);
    if (outcome.problems)
      return { kind: 'reject', line, reject: 'error', problems: outcome.problems, values: record.cells };
    const { contact, filled } = outcome;
    const key = importKeyOf(this.id, line);
    const created = this.index.created.get(key);
    if (created) return { kind: 'create', line, contact, id: created, existing: true };
    const match = this.index.match(contact);
    if (match) {
      const column = this.imp.columns.indexOf(match.by);
      const byLine = this.index.lines.get(match.id);
      if (byLine === line) return { kind: 'update', line, contact, filled, id: match.id };
      const duplicate = (message: string): Decision => ({
        kind: 'reject',
        line,
        reject: 'duplicate',
        problems: [{ column, message }],
        values: record.cells,
      });
      if (byLine !== undefined) return duplicate(`Doublon de la ligne ${byLine} du fichier (${BY_LABEL[match.by]}).`);
      if (this.config.onDuplicate === 'skip')
        return duplicate(`Un contact existant a ${BY_LABEL[match.by]} : ligne ignorée.`);
      const info = this.index.info.get(match.id) ?? { assignedTo: null, status: 'lead' };
      if (!this.canUpdate(info))
        return duplicate(`Un contact existant, hors de votre périmètre, a ${BY_LABEL[match.by]} : ligne ignorée.`);
      this.index.add(match.id, contact, line);
      return { kind: 'update', line, contact, filled, id: match.id };
    }
    const id = new mongoose.Types.ObjectId().toHexString();
    this.index.add(id, { ...contact, importKey: key }, line);
    return { kind: 'create', line, contact, id, existing: false };
  }

  private async processBatch(records: SourceRecord[]): Promise<void> {
    const decisions: Decision[] = [];
    const assignees = new Map<string, Types.ObjectId | null>();
    for (const record of records) {
      const d = this.decide(record);
      if (d.kind === 'create') assignees.set(d.id, this.nextAssignee());
      decisions.push(d);
    }
    const creates = decisions.filter((d) => d.kind === 'create');
    const updates = decisions.filter((d) => d.kind === 'update');
    const rejects = decisions.filter((d) => d.kind === 'reject');

    const t0 = performance.now();
    await this.insertContacts(
      creates.filter((d) => !d.existing),
      assignees,
    );
    const tContacts = performance.now();
    await this.insertCreatedEvents(creates);
    const tEvents = performance.now();
    await this.updateContacts(updates);
    await this.insertRejects(rejects);
    const t1 = performance.now();
    // Companies: new contacts were inserted linked (insertContacts); updated contacts, and those an
    // interrupted run inserted already, are synced.
    const resync = [...creates.filter((d) => d.existing), ...updates].map((d) => d.id);
    if (resync.length) await syncCompanies({ _id: { $in: resync } }, { policy: this.joinPolicy });
    const t2 = performance.now();

    for (const d of decisions) {
      if (d.kind === 'create') this.counts.imported++;
      else if (d.kind === 'update') this.counts.updated++;
      else if (d.reject === 'duplicate') this.counts.duplicates++;
      else this.counts.errors++;
    }
    this.processed += records.length;
    this.checkpoint.line = records[records.length - 1]!.endLine;
    await this.commit();
    const ms = (a: number, b: number) => Math.round(b - a);
    logger.debug(
      {
        importId: this.id,
        rows: records.length,
        writeMs: ms(t0, t1),
        ...this.timings,
        insertMs: ms(t0, tContacts),
        eventsMs: ms(tContacts, tEvents),
        companiesMs: ms(t1, t2),
        commitMs: ms(t2, performance.now()),
      },
      'import batch',
    );
  }

  /**
   * Inserts the new contacts linked to their companies (created complete when missing), then adds them
   * to the existing companies they joined (`joinCompanies`: no read of those companies' contacts).
   */
  private async insertContacts(
    creates: Extract<Decision, { kind: 'create' }>[],
    assignees: Map<string, Types.ObjectId | null>,
  ): Promise<void> {
    if (!creates.length) return;
    const now = new Date();
    const docs = creates.map(({ id, line, contact }) => {
      const tags = [...new Set([...(contact.tags ?? []), ...this.config.tags])].slice(0, MAX_TAGS);
      const data = Object.fromEntries(
        Object.entries({ ...contact, tags }).filter(([, v]) => v !== undefined),
      ) as ImportedContact;
      const key = importKeyOf(this.id, line);
      // Written lean (mongoose would take seconds per thousand to hydrate them): every default is here.
      return {
        ...data,
        _id: new mongoose.Types.ObjectId(id),
        companyId: null as Types.ObjectId | null,
        assignedTo: assignees.get(id) ?? null,
        createdBy: this.importer._id,
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
    const tLink = performance.now();
    const joined = await linkNewContacts(docs as ContactRow[], this.companies, this.joinPolicy);
    this.timings.linkMs = Math.round(performance.now() - tLink);
    try {
      await Contact.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      // Another run of this import created some of them first (its importKey is taken): they exist, and
      // may be counted by their companies already, which are then recomputed from their contacts.
      const errors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
      if (!errors?.length || errors.some((e) => (e.code ?? e.err?.code) !== 11000)) throw err;
      await refreshCompanies([...joined.keys()]);
      return;
    }
    this.joins.add(joined);
  }

  /** The "created" entry of each new contact's history, keyed by the contact so that it is written once. */
  private async insertCreatedEvents(creates: Extract<Decision, { kind: 'create' }>[]): Promise<void> {
    if (!creates.length) return;
    await ContactEvent.insertMany(
      creates.map((d) => ({
        _id: new mongoose.Types.ObjectId(d.id),
        contactId: new mongoose.Types.ObjectId(d.id),
        type: 'created',
        from: null,
        to: d.contact.status,
        by: this.importer._id,
        at: new Date(),
      })),
      { ordered: false, lean: true },
    ).catch((err: unknown) => {
      const errors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
      if (!errors?.length || errors.some((e) => (e.code ?? e.err?.code) !== 11000)) throw err;
    });
  }

  /** Duplicates in "update" mode: the filled-in cells replace the contact's values; tags are added. */
  private async updateContacts(updates: Extract<Decision, { kind: 'update' }>[]): Promise<void> {
    if (!updates.length) return;
    for (const { id, line, contact, filled } of updates) {
      const existing = await Contact.findById(id).lean();
      if (!existing) continue;
      const set: Record<string, unknown> = { importRef: importKeyOf(this.id, line) };
      for (const field of filled) if (field !== 'tags') set[field] = contact[field];
      set.searchText = searchTextOf({ ...existing, ...set });
      const tags = [...new Set([...(contact.tags ?? []), ...this.config.tags])];
      await Contact.updateOne(
        { _id: id },
        { $set: set, ...(tags.length ? { $addToSet: { tags: { $each: tags } } } : {}) },
      );
      const events = changeEvents(
        id,
        { status: existing.status },
        { status: (set.status as string | undefined) ?? existing.status },
      );
      if (events.length)
        await ContactEvent.insertMany(
          events.map((e) => ({ ...e, by: this.importer._id })),
          { ordered: false },
        );
      await this.beatIfDue();
    }
    const ids = updates.map((u) => u.id);
    for (let i = 0; i < ids.length; i += UPDATE_CHUNK) await recomputeQuality(ids.slice(i, i + UPDATE_CHUNK));
  }

  private async insertRejects(rejects: Extract<Decision, { kind: 'reject' }>[]): Promise<void> {
    if (!rejects.length) return;
    const header = (column: number | null) =>
      column === null || column < 0 ? null : (this.imp.headers[column] ?? `Colonne ${column + 1}`);
    await ImportReject.insertMany(
      rejects.map((r) => ({
        _id: importKeyOf(this.id, r.line),
        importId: this.imp._id,
        line: r.line,
        kind: r.reject,
        problems: r.problems.map((p) => ({ column: header(p.column), message: p.message })),
        values: r.values,
      })),
      { ordered: false, lean: true },
    ).catch((err: unknown) => {
      const errors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
      if (!errors?.length || errors.some((e) => (e.code ?? e.err?.code) !== 11000)) throw err;
    });
  }

  /** Stops if a newer run took the import over. */
  private async ensureCurrent(): Promise<void> {
    if (await JobClaim.exists({ _id: runClaim(this.id, this.generation + 1) })) throw new RunLost();
  }

  private async beatIfDue(): Promise<void> {
    if (Date.now() - this.lastBeat < settings.leaseMs / 4) return;
    await this.ensureCurrent();
    await ContactImport.updateOne({ _id: this.imp._id }, { $set: { 'run.heartbeatAt': new Date() } });
    this.lastBeat = Date.now();
  }

  private progress() {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? (this.processed - this.processedAtStart) / seconds : 0;
    const left = Math.max(0, this.imp.totalRows - this.processed);
    return {
      processed: this.processed,
      rowsPerSecond: Math.round(rate * 10) / 10,
      etaSeconds: rate > 0 ? Math.round(left / rate) : null,
    };
  }

  private async commit(): Promise<void> {
    await this.ensureCurrent();
    await ContactImport.updateOne(
      { _id: this.imp._id },
      {
        $set: {
          checkpoint: this.checkpoint,
          counts: this.counts,
          progress: this.progress(),
          pendingCompanies: this.joins.ids(),
          'run.heartbeatAt': new Date(),
        },
      },
    );
    this.lastBeat = Date.now();
    await this.job
      ?.touch()
      .catch((err: unknown) => logger.warn({ err, importId: this.id }, 'import job lock not renewed'));
  }

  private async finish(status: 'completed' | 'cancelled'): Promise<void> {
    await this.ensureCurrent();
    await this.joins.apply();
    await ContactImport.updateOne(
      { _id: this.imp._id },
      {
        $set: {
          status,
          finishedAt: new Date(),
          counts: this.counts,
          progress: { ...this.progress(), etaSeconds: 0 },
          pendingCompanies: [],
          'run.heartbeatAt': null,
        },
      },
    );
    await removeFile(this.imp.filePath);
    await notifyPendingImportLinks(this.id, this.importer);
    logger.info({ importId: this.id, status, counts: this.counts }, 'contacts import finished');
  }
}

const FAILURE_MESSAGES: Record<string, string> = {
  IMPORT_FILE_MISSING: 'Le fichier importé n’est plus disponible sur le serveur. Importez-le de nouveau.',
  IMPORTER_MISSING: 'Le membre qui a lancé l’import n’existe plus.',
};

/** The job: one run of an import, from its checkpoint to the end (or to a cancel, or a crash). */
export async function runImport(importId: string, job?: Job): Promise<void> {
  const imp = await ContactImport.findById(importId);
  if (!imp || !IMPORT_ACTIVE_STATUSES.includes(imp.status) || !imp.config) return;
  const generation = await acquire(imp);
  if (generation === null) return;
  try {
    await new ImportRun(imp, generation, job).execute();
  } catch (err) {
    if (err instanceof RunLost || mongoose.connection.readyState !== 1) return;
    const message = FAILURE_MESSAGES[(err as Error).message];
    const failures = (imp.run?.failures ?? 0) + 1;
    logger.error({ err, importId, failures }, 'contacts import run failed');
    if (message || failures >= MAX_FAILURES) {
      // The companies its contacts joined, if it stopped before writing them.
      const pending = (await ContactImport.findById(imp._id, { pendingCompanies: 1 }).lean())?.pendingCompanies ?? [];
      await refreshCompanies(pending).catch((e: unknown) =>
        logger.error({ err: e, importId }, 'companies not refreshed'),
      );
      await ContactImport.updateOne(
        { _id: imp._id },
        {
          $set: {
            status: 'failed',
            finishedAt: new Date(),
            error: message ?? 'L’import a échoué plusieurs fois de suite. Les lignes déjà importées sont conservées.',
            'run.heartbeatAt': null,
            'run.failures': failures,
            pendingCompanies: [],
          },
        },
      );
      await removeFile(imp.filePath);
    } else {
      // Left running with no heartbeat: the recovery job starts a new run from the checkpoint.
      await ContactImport.updateOne({ _id: imp._id }, { $set: { 'run.heartbeatAt': null, 'run.failures': failures } });
    }
  }
}

/** Queues a run for every active import without a live run; ends uploads never started. */
export async function recoverImports(now = new Date()): Promise<number> {
  const stale = now.getTime() - settings.leaseMs;
  const active = await ContactImport.find(
    { status: { $in: IMPORT_ACTIVE_STATUSES } },
    { run: 1, queuedAt: 1, updatedAt: 1 },
  ).lean();
  let queued = 0;
  for (const imp of active) {
    const beat = imp.run?.heartbeatAt;
    if (beat && beat.getTime() > stale) continue; // a run is alive
    // Queued a moment ago and never run: its job is on its way.
    if (!beat && !imp.run?.generation && imp.queuedAt && imp.queuedAt.getTime() > stale) continue;
    await enqueueImport(String(imp._id));
    queued++;
  }
  const abandoned = await ContactImport.find({
    status: 'analysed',
    createdAt: { $lt: new Date(now.getTime() - ABANDONED_AFTER_MS) },
  });
  for (const imp of abandoned) await closeImport(imp, 'expired');
  return queued;
}

export function defineImportJobs(
  config: Pick<Config, 'IMPORTS_DIR' | 'IMPORT_BATCH_SIZE' | 'IMPORT_LEASE_SECONDS'>,
): void {
  settings = {
    dir: path.resolve(config.IMPORTS_DIR),
    batchSize: config.IMPORT_BATCH_SIZE,
    leaseMs: config.IMPORT_LEASE_SECONDS * 1000,
  };
  defineJob<{ importId: string }>({
    name: IMPORT_JOB,
    label: 'Import de contacts (CSV)',
    handler: (job) => runImport(String(job.attrs.data.importId), job as Job),
    summary: (data) => `Import ${data.importId}`,
    // No idempotency key and no retry here: an import has its own resume logic (a run claim per
    // generation, a checkpoint per batch) and the recovery job re-queues an interrupted one.
    maxAttempts: 1,
    lockLifetime: 10 * 60_000,
  });
  defineJob({
    name: IMPORT_RECOVERY_JOB,
    label: 'Reprise des imports interrompus',
    handler: async () => {
      const n = await recoverImports();
      if (n) logger.info({ imports: n }, 'interrupted contacts imports resumed');
    },
    every: '1 minute',
    atStart: true,
    maxAttempts: 1,
  });
}
