/**
 * One run of a contacts import (`ImportRun`, started by the Agenda job `crm.contact-import`,
 * import.job.ts): reads the file in batches, decides each row (import-decisions.ts), writes the batch
 * (import-writes.ts) and saves the checkpoint.
 *
 * Resumable and idempotent, without transactions (FerretDB v1 has none):
 * - The file is read in batches (IMPORT_BATCH_SIZE rows). After each batch the run writes, in one
 *   update of the import document, the checkpoint (last line done, next round-robin turn) with the
 *   counts and the progress. A new run starts on the line after the checkpoint.
 * - Writing a batch again changes nothing: a created contact carries `importKey = <importId>:<line>`
 *   (unique index) and is recognised as already created; rejected lines are keyed the same way; an
 *   update of an existing contact sets the same values again. Decisions are deterministic (same rows,
 *   same order, same round-robin turn), so a batch cut short by a crash is simply done again.
 * - One run at a time (import-lease.ts): a run holds a generation claim and keeps a heartbeat on the
 *   import; a run that finds the next generation claimed stops before its next checkpoint.
 * - Agenda runs a job again once its lock expires (a killed process), and the recovery job
 *   (import.job.ts) queues a run for every active import whose heartbeat is stale.
 * - Cancelling inserts a claim the run checks before each batch (import-lease.ts): the run is the only
 *   writer of the import document while it works.
 */
import type { Job } from 'agenda';
import fs from 'node:fs';
import type { Types } from 'mongoose';
import { subject } from '@casl/ability';
import { buildAuthContext } from '../authz/index.js';
import type { ImportCounts, ImportField } from '../contracts/index.js';
import {
  CompanyLookup,
  type JoinPolicy,
  joinPolicyOf,
  notifyPendingImportLinks,
  PendingJoins,
  refreshCompanies,
  syncCompanies,
} from '../crm/companies/index.js';
import { Contact } from '../crm/contacts/index.js';
import { logger } from '../logger.js';
import { User, type UserDoc } from '../team/user.model.js';
import { readRecords, type SourceRecord } from './csv-source.js';
import { DedupIndex } from './dedup-index.js';
import { decideRow, type Decision, type DecisionContext } from './import-decisions.js';
import { ensureCurrent, Heartbeat, isCancelRequested, removeFile } from './import-lease.js';
import { importSettings } from './import-settings.js';
import { ImportWrites } from './import-writes.js';
import { ContactImport, type ImportDoc } from './import.model.js';
import { noteColumnsOf } from './rows.js';

export class ImportRun {
  private readonly id: string;
  private readonly prefix: string;
  private counts: ImportCounts;
  private checkpoint: { line: number; assignIndex: number };
  private processed: number;
  private readonly startedAt = Date.now();
  private readonly processedAtStart: number;
  private readonly heartbeat: Heartbeat;
  /** Existing companies new contacts joined, written once at the end (kept with the checkpoint). */
  private readonly joins = new PendingJoins();
  /** Where the last batch's time went (debug log). */
  private readonly timings: Record<string, number> = {};
  private decisions!: DecisionContext;
  private writes!: ImportWrites;
  private importer!: UserDoc;
  /** Which existing companies the importer's contacts may join (COMPANY_LINK_RULE). */
  private joinPolicy!: JoinPolicy;

  constructor(
    private readonly imp: ImportDoc,
    private readonly generation: number,
    private readonly job?: Job,
  ) {
    this.id = String(imp._id);
    this.prefix = `${this.id}:`;
    const counts = imp.counts;
    this.counts = {
      imported: counts?.imported ?? 0,
      updated: counts?.updated ?? 0,
      duplicates: counts?.duplicates ?? 0,
      errors: counts?.errors ?? 0,
    };
    this.checkpoint = {
      line: Math.max(imp.checkpoint?.line ?? 0, imp.headerEndLine),
      assignIndex: imp.checkpoint?.assignIndex ?? 0,
    };
    this.processed = imp.progress?.processed ?? 0;
    this.processedAtStart = this.processed;
    this.heartbeat = new Heartbeat(imp, generation);
  }

  private get config() {
    return this.imp.config!;
  }

  async execute(): Promise<void> {
    if (!fs.existsSync(this.imp.filePath)) throw new Error('IMPORT_FILE_MISSING');
    if (await isCancelRequested(this.id)) return this.finish('cancelled');
    await this.prepare();
    const format = { encoding: this.imp.encoding, delimiter: this.imp.delimiter, fileType: this.imp.fileType };
    const { batchSize } = importSettings();
    let batch: SourceRecord[] = [];
    for await (const record of readRecords(this.imp.filePath, format, this.checkpoint.line + 1)) {
      batch.push(record);
      if (batch.length < batchSize) continue;
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
    // A run that stopped before writing the companies its contacts joined: they are recomputed.
    if (this.imp.pendingCompanies?.length) await refreshCompanies(this.imp.pendingCompanies);
    const companies = await CompanyLookup.load();
    const dedup = new Set(this.config.dedupBy);
    const index = new DedupIndex(this.id, { email: dedup.has('email'), phone: dedup.has('phone') });
    this.decisions = {
      importId: this.id,
      columns: this.imp.columns,
      rowOptions: {
        format: this.imp.format,
        headers: this.imp.headers,
        noteColumns: this.config.keepUnmapped
          ? noteColumnsOf(this.imp.columns as (ImportField | null)[], this.imp.ignoredColumns ?? [])
          : [],
      },
      onDuplicate: this.config.onDuplicate,
      index,
      canUpdate: (info) => ability.can('update', subject('Contact', { assignedTo: info.assignedTo }) as never),
    };
    this.writes = new ImportWrites({
      imp: this.imp,
      importer,
      companies,
      joinPolicy: this.joinPolicy,
      joins: this.joins,
      heartbeat: this.heartbeat,
      timings: this.timings,
    });
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
    for await (const contact of cursor) {
      const id = String(contact._id);
      if (contact.deletedAt) {
        // A deleted contact is no duplicate, but one this import created stays created.
        if (contact.importKey?.startsWith(this.prefix)) index.created.set(contact.importKey, id);
        continue;
      }
      index.add(id, contact);
      if (update)
        index.info.set(id, {
          assignedTo: contact.assignedTo ? String(contact.assignedTo) : null,
          status: contact.status,
        });
    }
  }

  private nextAssignee(): Types.ObjectId | null {
    const config = this.config;
    if (config.assignment === 'one') return config.assignTo ?? null;
    if (config.assignment !== 'round_robin' || !config.assignees.length) return null;
    const member = config.assignees[this.checkpoint.assignIndex % config.assignees.length]!;
    this.checkpoint.assignIndex++;
    return member;
  }

  private async processBatch(records: SourceRecord[]): Promise<void> {
    const decisions: Decision[] = [];
    const assignees = new Map<string, Types.ObjectId | null>();
    for (const record of records) {
      const decision = decideRow(record, this.decisions);
      if (decision.kind === 'create') assignees.set(decision.id, this.nextAssignee());
      decisions.push(decision);
    }
    const creates = decisions.filter((decision) => decision.kind === 'create');
    const updates = decisions.filter((decision) => decision.kind === 'update');
    const rejects = decisions.filter((decision) => decision.kind === 'reject');

    const writeStart = performance.now();
    await this.writes.insertContacts(
      creates.filter((decision) => !decision.existing),
      assignees,
    );
    const contactsDone = performance.now();
    await this.writes.insertCreatedEvents(creates);
    const eventsDone = performance.now();
    await this.writes.updateContacts(updates);
    await this.writes.insertRejects(rejects);
    const writesDone = performance.now();
    // Companies: new contacts were inserted linked (insertContacts); updated contacts, and those an
    // interrupted run inserted already, are synced.
    const resync = [...creates.filter((decision) => decision.existing), ...updates].map((decision) => decision.id);
    if (resync.length) await syncCompanies({ _id: { $in: resync } }, { policy: this.joinPolicy });
    const companiesDone = performance.now();

    for (const decision of decisions) {
      if (decision.kind === 'create') this.counts.imported++;
      else if (decision.kind === 'update') this.counts.updated++;
      else if (decision.reject === 'duplicate') this.counts.duplicates++;
      else this.counts.errors++;
    }
    this.processed += records.length;
    this.checkpoint.line = records[records.length - 1]!.endLine;
    await this.commit();
    const ms = (from: number, to: number) => Math.round(to - from);
    logger.debug(
      {
        importId: this.id,
        rows: records.length,
        writeMs: ms(writeStart, writesDone),
        ...this.timings,
        insertMs: ms(writeStart, contactsDone),
        eventsMs: ms(contactsDone, eventsDone),
        companiesMs: ms(writesDone, companiesDone),
        commitMs: ms(companiesDone, performance.now()),
      },
      'import batch',
    );
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
    await ensureCurrent(this.id, this.generation);
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
    this.heartbeat.beaten();
    await this.job
      ?.touch()
      .catch((err: unknown) => logger.warn({ err, importId: this.id }, 'import job lock not renewed'));
  }

  private async finish(status: 'completed' | 'cancelled'): Promise<void> {
    await ensureCurrent(this.id, this.generation);
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
