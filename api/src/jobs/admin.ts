/**
 * Administration → Tâches de fond: the Agenda jobs (queued, running, failed, completed), read from
 * the `agenda_jobs` collection so that the view works on any API instance, scheduler started or
 * not; and the retry of a failed job (audited), which re-queues it for a fresh sequence of attempts.
 */
import { Router } from 'express';
import mongoose from 'mongoose';
import { audit } from '../audit/audit.js';
import { requirePermission } from '../authz/index.js';
import { jobsQuerySchema, type BackgroundJobDto, type JobState, type Paginated } from '../contracts/index.js';
import { HttpError, notFound } from '../http/errors.js';
import { idParams, routeTable } from '../http/route.js';
import { logger } from '../logger.js';
import { defineJob, JobFailure, jobDefinition, jobDefinitions, maxAttemptsOf, summaryOf } from './agenda.js';

interface AgendaJobDoc {
  _id: mongoose.Types.ObjectId;
  name: string;
  data?: unknown;
  nextRunAt?: Date | null;
  lockedAt?: Date | null;
  lastRunAt?: Date | null;
  lastFinishedAt?: Date | null;
  failedAt?: Date | null;
  failCount?: number;
  failReason?: string;
  repeatInterval?: string;
}

const collection = () => mongoose.connection.collection<AgendaJobDoc>('agenda_jobs');
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** A failure is final when nothing is scheduled after it (a retry pending is still queued). */
export function stateOf(j: AgendaJobDoc): JobState {
  if (j.lockedAt) return 'running';
  if (j.nextRunAt) return 'queued';
  if (j.failedAt && (!j.lastFinishedAt || j.failedAt >= j.lastFinishedAt)) return 'failed';
  return 'completed';
}

function toDto(j: AgendaJobDoc, failure?: { error?: string | null }): BackgroundJobDto {
  const def = jobDefinition(j.name);
  return {
    id: String(j._id),
    name: j.name,
    label: def?.label ?? j.name,
    state: stateOf(j),
    summary: summaryOf(j.name, j.data),
    failCount: j.failCount ?? 0,
    maxAttempts: def ? maxAttemptsOf(def) : 1,
    repeatInterval: j.repeatInterval ?? null,
    nextRunAt: iso(j.nextRunAt),
    lastRunAt: iso(j.lastRunAt),
    lastFinishedAt: iso(j.lastFinishedAt),
    failedAt: iso(j.failedAt),
    lastError: failure?.error ?? j.failReason ?? null,
  };
}

const STATE_ORDER: Record<JobState, number> = { running: 0, failed: 1, queued: 2, completed: 3 };
const activity = (j: AgendaJobDoc) =>
  Math.max(
    ...[j.lockedAt, j.failedAt, j.lastFinishedAt, j.lastRunAt, j.nextRunAt].map((d) => (d ? new Date(d).getTime() : 0)),
  );

/** How long a finished one-off job stays listed; the cleanup job removes it afterwards. */
export const FINISHED_JOB_RETENTION_DAYS = 30;
export const JOBS_CLEANUP_JOB = 'jobs.cleanup';

/**
 * Removes the one-off jobs finished without failure more than FINISHED_JOB_RETENTION_DAYS ago, so
 * that the jobs collection stays bounded (recurring jobs, recent and failed work): the admin list
 * reads it whole, since a job's state is computed from several of its dates.
 */
export async function removeOldFinishedJobs(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - FINISHED_JOB_RETENTION_DAYS * 86_400_000);
  // `null` matches a missing field too: one-off jobs (no interval), neither queued nor running nor failed.
  const finished: Record<string, unknown> = {
    repeatInterval: null,
    nextRunAt: null,
    lockedAt: null,
    failedAt: null,
    lastFinishedAt: { $lt: before },
  };
  const res = await collection().deleteMany(finished);
  return res.deletedCount;
}

export function defineJobsCleanup(): void {
  defineJob({
    name: JOBS_CLEANUP_JOB,
    label: 'Nettoyage des tâches terminées',
    handler: async () => {
      const removed = await removeOldFinishedJobs();
      if (removed) logger.info({ removed }, 'finished jobs removed');
    },
    every: '1 day',
    maxAttempts: 1,
  });
}

export function jobsAdminRouter(): Router {
  const router = Router();
  const r = routeTable(router);

  r.get('/', {
    access: requirePermission('admin', 'read', 'BackgroundJob'),
    query: jobsQuerySchema,
    handler: async ({ query }): Promise<Paginated<BackgroundJobDto>> => {
      // States are computed from several dates: filtered here. The collection stays bounded (the
      // recurring jobs, the last FINISHED_JOB_RETENTION_DAYS of work, failures: removeOldFinishedJobs);
      // the name and the search narrow the query itself.
      const needle = query.q?.toLowerCase();
      const names = needle
        ? jobDefinitions()
            .filter((d) => `${d.name} ${d.label}`.toLowerCase().includes(needle))
            .map((d) => d.name)
        : null;
      const filter = {
        ...(query.name ? { name: query.name } : {}),
        ...(names ? { name: { $in: query.name ? names.filter((n) => n === query.name) : names } } : {}),
      };
      const all = (await collection().find(filter).toArray())
        .filter((j) => !query.state || stateOf(j) === query.state)
        .sort((a, b) => STATE_ORDER[stateOf(a)] - STATE_ORDER[stateOf(b)] || activity(b) - activity(a));
      const page = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
      const failures = await JobFailure.find({ _id: { $in: page.map((j) => String(j._id)) } }, { error: 1 }).lean();
      const errorOf = new Map(failures.map((f) => [String(f._id), f]));
      return {
        items: page.map((j) => toDto(j, errorOf.get(String(j._id)))),
        total: all.length,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  });

  r.post('/:id/retry', {
    access: requirePermission('admin', 'update', 'BackgroundJob'),
    params: idParams,
    handler: async ({ req, params }): Promise<BackgroundJobDto> => {
      const _id = new mongoose.Types.ObjectId(params.id);
      const job = await collection().findOne({ _id });
      if (!job) throw notFound("Cette tâche n'existe plus.");
      if (stateOf(job) !== 'failed') throw new HttpError(409, 'Seule une tâche en échec peut être relancée.');
      await collection().updateOne(
        { _id, lockedAt: null },
        { $set: { nextRunAt: new Date(), failCount: 0 }, $unset: { failedAt: '', failReason: '' } },
      );
      const me = req.auth!.user;
      await JobFailure.updateOne({ _id: params.id }, { $set: { retriedAt: new Date(), retriedBy: me.email } });
      await audit(req, 'job.retry', {
        subject: 'BackgroundJob',
        subjectId: params.id,
        details: { name: job.name, summary: summaryOf(job.name, job.data), attempts: job.failCount ?? 0 },
      });
      const after = await collection().findOne({ _id });
      return toDto(after!);
    },
  });

  return router;
}
