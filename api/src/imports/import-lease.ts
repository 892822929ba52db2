/**
 * Which run holds an import, and how it is cancelled (resumability: see import.runner.ts).
 *
 * - One run at a time: a run takes a generation number by inserting the claim `run:<n+1>` (an `_id`
 *   insert, atomic even on FerretDB, whose conditional updates are not) and keeps a heartbeat on the
 *   import. Another run may only start once the heartbeat is older than IMPORT_LEASE_SECONDS; a run
 *   that finds the next generation claimed stops before its next checkpoint.
 * - Cancelling inserts a claim the run checks before each batch: the run is the only writer of the
 *   import document while it works.
 */
import fs from 'node:fs';
import type { ImportStatus } from '../contracts/index.js';
import { claimOnce, JobClaim } from '../jobs/claims.js';
import { logger } from '../logger.js';
import { ContactImport, type ImportDoc } from './import.model.js';
import { importSettings } from './import-settings.js';

const runClaim = (importId: string, generation: number) => `contact-import:${importId}:run:${generation}`;
const cancelClaim = (importId: string) => `contact-import:${importId}:cancel`;

/** A run that lost its import to another one (or the process is stopping): it just stops. */
export class RunLost extends Error {}

export async function isCancelRequested(importId: string): Promise<boolean> {
  return Boolean(await JobClaim.exists({ _id: cancelClaim(importId) }));
}

/** Another run may start: none yet, or its heartbeat is stale. Returns the generation taken, or null. */
export async function acquire(imp: ImportDoc): Promise<number | null> {
  const beat = imp.run?.heartbeatAt?.getTime();
  if (beat && Date.now() - beat < importSettings().leaseMs) return null;
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

/** Throws RunLost if a newer run took the import over. */
export async function ensureCurrent(importId: string, generation: number): Promise<void> {
  if (await JobClaim.exists({ _id: runClaim(importId, generation + 1) })) throw new RunLost();
}

/** The heartbeat of a run between two checkpoints, written at most every quarter of the lease. */
export class Heartbeat {
  private lastBeat = Date.now();

  constructor(
    private readonly imp: ImportDoc,
    private readonly generation: number,
  ) {}

  async beatIfDue(): Promise<void> {
    if (Date.now() - this.lastBeat < importSettings().leaseMs / 4) return;
    await ensureCurrent(String(this.imp._id), this.generation);
    await ContactImport.updateOne({ _id: this.imp._id }, { $set: { 'run.heartbeatAt': new Date() } });
    this.beaten();
  }

  /** The heartbeat was written with a checkpoint. */
  beaten(): void {
    this.lastBeat = Date.now();
  }
}

export async function removeFile(file: string): Promise<void> {
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
