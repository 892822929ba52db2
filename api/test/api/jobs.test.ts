/**
 * The jobs convention over real Agenda and FerretDB: retries with exponential backoff, the failure
 * record of a job that used up its attempts, the admin view (list, filter, retry, audited), the
 * idempotency key, and the admin-only routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import mongoose from 'mongoose';
import { FINISHED_JOB_RETENTION_DAYS, removeOldFinishedJobs } from '../../src/jobs/admin.js';
import { defineJob, JobFailure, queueJob, startJobs, stopJobs } from '../../src/jobs/agenda.js';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
const runs = new Map<string, number[]>();
const ran = (key: string) => runs.set(key, [...(runs.get(key) ?? []), Date.now()]).get(key)!.length;

beforeAll(async () => {
  app = await startTestApp();
  defineJob<{ ref: string }>({
    name: 'test.flaky',
    label: 'Tâche instable',
    maxAttempts: 3,
    backoffMs: 150,
    summary: (d) => `Référence ${d.ref}`,
    handler: async (job) => {
      if (ran(`flaky:${job.attrs.data.ref}`) <= 2) throw new Error('Service distant indisponible');
    },
  });
  defineJob<{ ref: string }>({
    name: 'test.broken',
    label: 'Tâche cassée',
    maxAttempts: 2,
    backoffMs: 50,
    summary: (d) => `Référence ${d.ref}`,
    handler: async (job) => {
      ran(`broken:${job.attrs.data.ref}`);
      throw new Error(`Le fichier ${job.attrs.data.ref} est introuvable`);
    },
  });
  defineJob<{ invoiceId: string }>({
    name: 'test.send-invoice',
    label: 'Envoi de facture',
    idempotencyKey: (d) => d.invoiceId,
    handler: async (job) => {
      ran(`invoice:${job.attrs.data.invoiceId}`);
    },
  });
  await startJobs({ processEvery: 200 });
});
afterAll(async () => {
  await stopJobs();
  await app.close();
});

async function jobOf(name: string, id: string) {
  const admin = await app.as('admin');
  const res = await admin.get(`/api/admin/jobs?name=${name}&pageSize=100`);
  return res.body.items.find((j: { id: string }) => j.id === id);
}

describe('jobs convention', () => {
  it('retries a job that fails twice with exponential backoff; it ends completed', async () => {
    const id = await queueJob('test.flaky', { ref: 'A1' });
    await expect
      .poll(async () => (await jobOf('test.flaky', id))?.state, { timeout: 15_000, interval: 200 })
      .toBe('completed');
    const times = runs.get('flaky:A1')!;
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(290); // 150 ms, then 300 ms
    const job = await jobOf('test.flaky', id);
    expect(job).toMatchObject({ label: 'Tâche instable', summary: 'Référence A1', failCount: 0, maxAttempts: 3 });
    expect(await JobFailure.countDocuments({ _id: id })).toBe(0);
  });

  it('records a job that always fails, lists it as failed, and an admin re-queues it', async () => {
    const id = await queueJob('test.broken', { ref: 'B7' });
    await expect
      .poll(async () => (await jobOf('test.broken', id))?.state, { timeout: 15_000, interval: 200 })
      .toBe('failed');
    expect(runs.get('broken:B7')).toHaveLength(2);
    const failure = await JobFailure.findById(id).lean();
    expect(failure).toMatchObject({
      name: 'test.broken',
      summary: 'Référence B7',
      attempts: 2,
      error: 'Le fichier B7 est introuvable',
    });
    expect(failure!.failedAt).toBeInstanceOf(Date);

    const admin = await app.as('admin');
    const failed = await admin.get('/api/admin/jobs?state=failed');
    expect(failed.status).toBe(200);
    expect(failed.body.items).toEqual([
      expect.objectContaining({
        id,
        name: 'test.broken',
        label: 'Tâche cassée',
        state: 'failed',
        failCount: 2,
        lastError: 'Le fichier B7 est introuvable',
      }),
    ]);
    expect(failed.body.total).toBe(1);
    expect((await admin.get('/api/admin/jobs?state=perdu')).status).toBe(422);
    const searched = await admin.get('/api/admin/jobs?q=cass');
    expect(searched.body.items.map((j: { id: string }) => j.id)).toEqual([id]);

    const retried = await admin.post(`/api/admin/jobs/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id, state: 'queued', failCount: 0 });
    expect(await AuditLog.countDocuments({ action: 'job.retry', subjectId: id })).toBe(1);
    expect((await JobFailure.findById(id).lean())!.retriedBy).toBe(app.members.admin.email);
    // A fresh sequence of attempts: two more runs, failed again.
    await expect.poll(() => runs.get('broken:B7')!.length, { timeout: 15_000, interval: 200 }).toBe(4);
    await expect
      .poll(async () => (await jobOf('test.broken', id))?.state, { timeout: 15_000, interval: 200 })
      .toBe('failed');

    const notFailed = await queueJob('test.send-invoice', { invoiceId: 'F-0' });
    await expect
      .poll(async () => (await jobOf('test.send-invoice', notFailed))?.state, { timeout: 15_000 })
      .toBe('completed');
    const refused = await admin.post(`/api/admin/jobs/${notFailed}/retry`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('Seule une tâche en échec peut être relancée.');
    expect((await admin.post('/api/admin/jobs/0123456789abcdef01234567/retry')).status).toBe(404);
  });

  it('runs the same work once when it is queued twice (idempotency key)', async () => {
    const first = await queueJob('test.send-invoice', { invoiceId: 'F-2026-001' });
    const second = await queueJob('test.send-invoice', { invoiceId: 'F-2026-001' });
    const other = await queueJob('test.send-invoice', { invoiceId: 'F-2026-002' });
    for (const id of [first, second, other])
      await expect
        .poll(async () => (await jobOf('test.send-invoice', id))?.state, { timeout: 15_000, interval: 200 })
        .toBe('completed');
    expect(runs.get('invoice:F-2026-001')).toHaveLength(1);
    expect(runs.get('invoice:F-2026-002')).toHaveLength(1);
  });

  it('the cleanup removes one-off jobs finished over 30 days ago, keeps recurring, failed and recent ones', async () => {
    const jobs = mongoose.connection.collection('agenda_jobs');
    const day = 86_400_000;
    const old = new Date(Date.now() - (FINISHED_JOB_RETENTION_DAYS + 1) * day);
    const base = { nextRunAt: null, lockedAt: null, lastRunAt: old, lastFinishedAt: old };
    const { insertedIds } = await jobs.insertMany([
      { name: 'test.send-invoice', data: { invoiceId: 'ancienne' }, ...base },
      { name: 'test.send-invoice', data: { invoiceId: 'récente' }, ...base, lastFinishedAt: new Date() },
      { name: 'test.broken', data: { ref: 'ancien échec' }, ...base, failedAt: old, failCount: 2 },
      { name: 'test.flaky', data: {}, ...base, repeatInterval: '1 day' },
    ]);
    expect(await removeOldFinishedJobs()).toBe(1);
    const left = await jobs.find({ _id: { $in: Object.values(insertedIds) } }).toArray();
    expect(left.map((j) => (j.data as { invoiceId?: string; ref?: string }).invoiceId ?? j.name).sort()).toEqual(
      ['récente', 'test.broken', 'test.flaky'].sort(),
    );
    // The search narrows by name or French label.
    const admin = await app.as('admin');
    const found = (await admin.get('/api/admin/jobs?q=facture&pageSize=100')).body.items as { name: string }[];
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found.map((j) => j.name))).toEqual(new Set(['test.send-invoice']));
  });

  it('is an admin view only', async () => {
    const admin = await app.as('admin');
    const anyJob = (await admin.get('/api/admin/jobs')).body.items[0].id;
    for (const who of ['sales', 'marketing', 'account_manager'] as const) {
      const c = await app.as(who);
      expect((await c.get('/api/admin/jobs')).status, who).toBe(403);
      expect((await c.post(`/api/admin/jobs/${anyJob}/retry`)).status, who).toBe(403);
    }
    expect(await AuditLog.countDocuments({ action: 'job.retry', actorEmail: { $ne: app.members.admin.email } })).toBe(
      0,
    );
  });
});
