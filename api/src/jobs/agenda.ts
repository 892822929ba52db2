/**
 * Background jobs (Agenda, MongoDB backend). Jobs and their locks live in the `agenda_jobs`
 * collection of the application database, so several API instances share the work: each job runs
 * on one instance at a time. Domains register their job definitions with `defineJob` before
 * `startJobs`; the API process starts the scheduler.
 *
 * The convention — a definition declares:
 * - `name` and a French `label` (the admin view, Administration → Tâches de fond);
 * - `idempotencyKey(data)`: the same work queued twice runs once. The first run of a key takes an
 *   `_id`-keyed claim (jobs/claims.ts: FerretDB has no unique partial index) naming its job; a
 *   second job with the same key finds the claim taken by another job and does nothing. The job's
 *   own retries keep the claim;
 * - `maxAttempts` and `backoffMs`: a failure is retried after backoffMs × 2^(n-1) (capped), until
 *   maxAttempts attempts in all (default 3 for one-off jobs, 1 for recurring ones: their next run is
 *   the retry);
 * - `summary(data)`: what the admin view shows of the data (no personal data).
 * A job that fails its last attempt leaves a failure record (`job_failures`, keyed by job id): name,
 * data summary, attempts, last error, failed at. An admin can re-queue it (jobs/admin.ts).
 */
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda, type Job } from 'agenda';
import mongoose, { Schema } from 'mongoose';
import { logger } from '../logger.js';
import { claimJob, claimOnce } from './claims.js';

type Data = Record<string, unknown>;

export interface JobDefinition<D extends Data = Data> {
  name: string;
  /** French, for the admin view ("Import de contacts"). */
  label: string;
  handler: (job: Job<D>) => Promise<void>;
  /** Identifies the work from its data: two jobs with the same key run once. */
  idempotencyKey?: (data: D) => string;
  /** Attempts in all, the first included (default 3; 1 for a recurring job). */
  maxAttempts?: number;
  /** Delay before the first retry, doubled at each further one (default 30 s, capped at 1 h). */
  backoffMs?: number;
  /** What the admin view shows of the data. */
  summary?: (data: D) => string;
  concurrency?: number;
  lockLifetime?: number;
  /** Runs the job on this interval (`'1 minute'`), once across all API instances. */
  every?: string;
  /** Also runs the job once when the scheduler starts (recovery work after a restart). */
  atStart?: boolean;
}

const MAX_BACKOFF_MS = 60 * 60_000;
const definitions = new Map<string, JobDefinition>();
let agenda: Agenda | undefined;

const failureSchema = new Schema({
  _id: { type: String, required: true },
  name: { type: String, required: true },
  summary: { type: String, default: '' },
  attempts: { type: Number, required: true },
  error: { type: String, default: '' },
  failedAt: { type: Date, required: true },
  retriedAt: { type: Date, default: null },
  retriedBy: { type: String, default: null },
});
failureSchema.index({ failedAt: -1 });
/** The last failure of a job that used up its attempts (one document per job id). */
export const JobFailure = mongoose.model('JobFailure', failureSchema, 'job_failures');

export const jobDefinition = (name: string): JobDefinition | undefined => definitions.get(name);
/** Every job defined in this process. */
export const jobDefinitions = (): JobDefinition[] => [...definitions.values()];
export const maxAttemptsOf = (def: JobDefinition): number => def.maxAttempts ?? (def.every ? 1 : 3);

export function summaryOf(name: string, data: unknown): string {
  const def = definitions.get(name);
  if (!data || typeof data !== 'object') return '';
  try {
    if (def?.summary) return def.summary(data as Data).slice(0, 200);
  } catch {
    // a summary never breaks the admin view
  }
  return JSON.stringify(data).slice(0, 200);
}

const errorText = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).slice(0, 1000) || 'Erreur inconnue';

function wrap(def: JobDefinition) {
  const max = maxAttemptsOf(def);
  return async (job: Job<Data>) => {
    const id = String(job.attrs._id);
    if (def.idempotencyKey) {
      const key = `job:${def.name}:${def.idempotencyKey(job.attrs.data ?? {})}`;
      if (!(await claimJob(key, id))) {
        logger.info({ job: def.name, jobId: id, key }, 'job skipped: the same work was run by another job');
        return;
      }
      // Agenda's lock is a conditional update, which FerretDB v1 does as read-modify-write: two lockers
      // can both take the same job and run the same attempt twice. One claim per attempt — the failure
      // count and last finish of the job as both read it — lets only one of them run it.
      const attempt = `${key}:attempt:${id}:${job.attrs.failCount ?? 0}:${job.attrs.lastFinishedAt?.getTime() ?? 0}`;
      if (!(await claimOnce(attempt))) {
        logger.info({ job: def.name, jobId: id, key }, 'job skipped: this attempt is run by another worker');
        return;
      }
    }
    try {
      await def.handler(job as never);
    } catch (err) {
      const attempts = (job.attrs.failCount ?? 0) + 1;
      if (attempts >= max) {
        await JobFailure.updateOne(
          { _id: id },
          {
            $set: {
              name: def.name,
              summary: summaryOf(def.name, job.attrs.data),
              attempts,
              error: errorText(err),
              failedAt: new Date(),
              retriedAt: null,
              retriedBy: null,
            },
          },
          { upsert: true },
        ).catch((e: unknown) => logger.error({ err: e, job: def.name }, 'job failure not recorded'));
      }
      throw err;
    }
  };
}

function register(a: Agenda, def: JobDefinition): void {
  const max = maxAttemptsOf(def);
  const base = def.backoffMs ?? 30_000;
  a.define(def.name, wrap(def), {
    concurrency: def.concurrency,
    lockLifetime: def.lockLifetime,
    // attempt = failures so far; null = no more retries.
    backoff: ({ attempt }) => (attempt < max ? Math.min(MAX_BACKOFF_MS, base * 2 ** (attempt - 1)) : null),
  });
}

export function defineJob<D extends Data = Data>(def: JobDefinition<D>): void {
  const d = def as unknown as JobDefinition;
  definitions.set(def.name, d);
  if (agenda) {
    register(agenda, d);
    if (d.every)
      agenda.every(d.every, d.name).catch((err: unknown) => logger.error({ err, job: d.name }, 'cannot schedule job'));
    if (d.atStart)
      agenda.now(d.name).catch((err: unknown) => logger.error({ err, job: d.name }, 'cannot schedule job'));
  }
}

/** `processEvery`: how often the scheduler looks for due jobs, in ms (tests use a short one). */
export async function startJobs(options: { processEvery?: number } = {}): Promise<Agenda> {
  if (agenda) return agenda;
  const db = mongoose.connection.db;
  if (!db) throw new Error('connect the database before starting jobs');
  agenda = new Agenda({
    backend: new MongoBackend({ mongo: db as never, collection: 'agenda_jobs' }),
    processEvery: options.processEvery ?? 2000,
    defaultLockLifetime: 60_000,
  });
  for (const def of definitions.values()) register(agenda, def);
  agenda.on('fail', (err: Error, job: Job) => logger.error({ err, job: job.attrs.name }, 'job failed'));
  await agenda.start();
  for (const def of definitions.values()) {
    if (def.every) await agenda.every(def.every, def.name);
    if (def.atStart) await agenda.now(def.name);
  }
  return agenda;
}

export function jobs(): Agenda {
  if (!agenda) throw new Error('jobs are not started');
  return agenda;
}

/** Queues a job to run now. */
export async function queueJob<D extends Data>(name: string, data: D): Promise<string> {
  const job = await jobs().now(name, data);
  return String(job.attrs._id);
}

export async function stopJobs(): Promise<void> {
  await agenda?.stop();
  agenda = undefined;
}
