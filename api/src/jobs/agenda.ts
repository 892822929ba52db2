/**
 * Background jobs (Agenda, MongoDB backend). Jobs and their locks live in the `agenda_jobs`
 * collection of the application database, so several API instances share the work: each job runs
 * on one instance at a time. Domains register their job definitions with `defineJob` before
 * `startJobs` (with `every` for a recurring job); the API process starts the scheduler.
 */
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda, type Job } from 'agenda';
import mongoose from 'mongoose';
import { logger } from '../logger.js';

type Handler = (job: Job<Record<string, unknown>>) => Promise<void>;
interface JobOptions {
  concurrency?: number;
  lockLifetime?: number;
  /** Runs the job on this interval (`'1 minute'`), once across all API instances. */
  every?: string;
  /** Also runs the job once when the scheduler starts (recovery work after a restart). */
  atStart?: boolean;
}
const definitions = new Map<string, { handler: Handler } & JobOptions>();

let agenda: Agenda | undefined;

export function defineJob(name: string, handler: Handler, options: JobOptions = {}): void {
  definitions.set(name, { handler, ...options });
  if (agenda) {
    agenda.define(name, handler, { concurrency: options.concurrency, lockLifetime: options.lockLifetime });
    if (options.every) agenda.every(options.every, name).catch((err: unknown) => logger.error({ err, job: name }, 'cannot schedule job'));
    if (options.atStart) agenda.now(name).catch((err: unknown) => logger.error({ err, job: name }, 'cannot schedule job'));
  }
}

export async function startJobs(): Promise<Agenda> {
  if (agenda) return agenda;
  const db = mongoose.connection.db;
  if (!db) throw new Error('connect the database before starting jobs');
  agenda = new Agenda({
    backend: new MongoBackend({ mongo: db as never, collection: 'agenda_jobs' }),
    processEvery: '2 seconds',
    defaultLockLifetime: 60_000,
  });
  for (const [name, def] of definitions) agenda.define(name, def.handler, { concurrency: def.concurrency, lockLifetime: def.lockLifetime });
  agenda.on('fail', (err: Error, job: Job) => logger.error({ err, job: job.attrs.name }, 'job failed'));
  await agenda.start();
  for (const [name, def] of definitions) {
    if (def.every) await agenda.every(def.every, name);
    if (def.atStart) await agenda.now(name);
  }
  return agenda;
}

export function jobs(): Agenda {
  if (!agenda) throw new Error('jobs are not started');
  return agenda;
}

export async function stopJobs(): Promise<void> {
  await agenda?.stop();
  agenda = undefined;
}
