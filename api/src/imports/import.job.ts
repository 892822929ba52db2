/**
 * The Agenda jobs of the contacts imports: `crm.contact-import` (one run of an import, import.runner.ts),
 * `crm.contact-import-undo` (the undo of an import, import-undo.ts) and the recovery job that resumes
 * interrupted imports and undos.
 *
 * Agenda runs a job again once its lock expires (a killed process), and the recovery job (every minute
 * and at start-up) queues a run for every active import whose heartbeat is stale.
 */
import type { Job } from 'agenda';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { IMPORT_ACTIVE_STATUSES } from '../contracts/index.js';
import { refreshCompanies } from '../crm/companies/index.js';
import { defineJob, jobs } from '../jobs/agenda.js';
import { logger } from '../logger.js';
import { acquire, closeImport, removeFile, RunLost } from './import-lease.js';
import { importSettings, setImportSettings } from './import-settings.js';
import { ContactImport } from './import.model.js';
import { ImportRun } from './import.runner.js';
import { IMPORT_UNDO_JOB, recoverUndos, runUndo } from './import-undo.js';

export const IMPORT_JOB = 'crm.contact-import';
export const IMPORT_RECOVERY_JOB = 'crm.contact-import-recovery';
/** An upload never started is removed after this long. */
const ABANDONED_AFTER_MS = 24 * 3600_000;
/** A run that failed this many times marks the import failed. */
const MAX_FAILURES = 3;

const FAILURE_MESSAGES: Record<string, string> = {
  IMPORT_FILE_MISSING: 'Le fichier importé n’est plus disponible sur le serveur. Importez-le de nouveau.',
  IMPORTER_MISSING: 'Le membre qui a lancé l’import n’existe plus.',
};

/** Queues a run; without a scheduler (not started yet), the recovery job queues it later. */
export async function enqueueImport(importId: string): Promise<void> {
  try {
    await jobs().now(IMPORT_JOB, { importId });
  } catch (err) {
    logger.warn({ err, importId }, 'import not queued now; the recovery job will');
  }
}

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
      await refreshCompanies(pending).catch((refreshError: unknown) =>
        logger.error({ err: refreshError, importId }, 'companies not refreshed'),
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

/**
 * Queues a run for every active import without a live run, and for every undo without one; ends
 * uploads never started.
 */
export async function recoverImports(now = new Date()): Promise<number> {
  const stale = now.getTime() - importSettings().leaseMs;
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
  return queued + (await recoverUndos(new Date(stale)));
}

export function defineImportJobs(
  config: Pick<Config, 'IMPORTS_DIR' | 'IMPORT_BATCH_SIZE' | 'IMPORT_LEASE_SECONDS'>,
): void {
  setImportSettings({
    dir: path.resolve(config.IMPORTS_DIR),
    batchSize: config.IMPORT_BATCH_SIZE,
    leaseMs: config.IMPORT_LEASE_SECONDS * 1000,
  });
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
  defineJob<{ importId: string }>({
    name: IMPORT_UNDO_JOB,
    label: 'Annulation d’un import de contacts',
    handler: (job) => runUndo(String(job.attrs.data.importId), job as Job),
    summary: (data) => `Annulation de l’import ${data.importId}`,
    // Resumed by the recovery job from its checkpoint, like an import.
    maxAttempts: 1,
    lockLifetime: 10 * 60_000,
  });
  defineJob({
    name: IMPORT_RECOVERY_JOB,
    label: 'Reprise des imports interrompus',
    handler: async () => {
      const resumed = await recoverImports();
      if (resumed) logger.info({ imports: resumed }, 'interrupted contacts imports resumed');
    },
    every: '1 minute',
    atStart: true,
    maxAttempts: 1,
  });
}
