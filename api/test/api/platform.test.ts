import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { publishVersion, rollback, RemoteRelease } from '../../src/remotes/registry.js';
import { REMOTE_NAMES } from '../../src/contracts/index.js';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  for (const name of REMOTE_NAMES) {
    const dir = path.join(app.config.REMOTES_DIR, name, '1.0.0');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'mf-manifest.json'), JSON.stringify({ name }));
    fs.writeFileSync(path.join(dir, 'remoteEntry.js'), `/* ${name} */`);
    await publishVersion(name, '1.0.0');
  }
});
afterAll(async () => {
  await app.close();
});

describe('health', () => {
  it('pings the database', async () => {
    const res = await app.client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.db.ok).toBe(true);
  });
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id', async () => {
    for (const id of ['req-0123456789', 'trace:abc.DEF_42', '0f8fad5b-d9cb-469f-a165-70867728950e']) {
      const res = await app.client().request('GET', '/api/health', undefined, { 'x-request-id': id });
      expect(res.headers.get('x-request-id')).toBe(id);
    }
  });

  it('replaces any other value by a new UUID, in the answer and in the audit log', async () => {
    const forged = [
      'FAKE ENTRY user=admin action=login',
      '"><script>alert(1)</script>',
      'tab\tinside-the-id',
      'short',
      'a'.repeat(65),
      'é'.repeat(10),
    ];
    for (const id of forged) {
      const res = await app.client().request('GET', '/api/health', undefined, { 'x-request-id': id });
      expect(res.headers.get('x-request-id'), id).toMatch(UUID);
    }
    const c = app.client();
    await c.init();
    const res = await c.request(
      'POST',
      '/api/auth/login',
      { email: app.members.sales.email, password: 'pas-le-bon' },
      { 'x-request-id': '<script>FAKE</script>' },
    );
    expect(res.status).toBe(401);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    const entry = await AuditLog.findOne({ action: 'auth.login_failed', actorEmail: app.members.sales.email }).lean();
    expect(entry?.requestId).toBe(id);
    expect(await AuditLog.countDocuments({ requestId: /script/i })).toBe(0);
  });
});

describe('remote registry and delivery', () => {
  const ENTITLED = {
    admin: ['mfe-crm', 'mfe-sales', 'mfe-marketing', 'mfe-service', 'mfe-personal-space', 'mfe-admin'],
    sales: ['mfe-crm', 'mfe-sales', 'mfe-personal-space'],
    marketing: ['mfe-marketing', 'mfe-personal-space'],
    account_manager: ['mfe-service', 'mfe-personal-space'],
  } as const;

  for (const [role, remotes] of Object.entries(ENTITLED) as [keyof typeof ENTITLED, readonly string[]][]) {
    it(`${role}: /api/me lists exactly its remotes, and the others answer 403`, async () => {
      const c = await app.as(role);
      const me = await c.get('/api/me');
      expect(me.body.remotes.map((r: { name: string }) => r.name)).toEqual(remotes);
      expect(me.body.remotes[0].entry).toBe(`/remotes/${remotes[0]}/1.0.0/mf-manifest.json`);
      for (const name of REMOTE_NAMES) {
        const res = await c.get(`/remotes/${name}/1.0.0/remoteEntry.js`);
        expect(res.status, name).toBe(remotes.includes(name) ? 200 : 403);
      }
    });
  }

  it('versioned files are cached immutably, manifests revalidated, and anonymous callers refused', async () => {
    const c = await app.as('admin');
    const js = await c.get('/remotes/mfe-crm/1.0.0/remoteEntry.js');
    expect(js.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const manifest = await c.get('/remotes/mfe-crm/1.0.0/mf-manifest.json');
    expect(manifest.headers.get('cache-control')).toBe('private, no-cache');
    expect((await c.get('/remotes/mfe-crm/9.9.9/remoteEntry.js')).status).toBe(404);
    const sales = await app.as('sales');
    const traversal = await sales.get('/remotes/mfe-crm/1.0.0/%2e%2e%2f%2e%2e%2fmfe-admin%2f1.0.0%2fremoteEntry.js');
    expect(traversal.status).toBeGreaterThanOrEqual(400);
    expect(traversal.text).not.toContain('mfe-admin */');
    expect((await app.client().get('/remotes/mfe-crm/1.0.0/remoteEntry.js')).status).toBe(401);
    const me = await c.get('/api/me');
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('deploy switches the live version and rollback returns to the previous one', async () => {
    await publishVersion('mfe-crm', '1.1.0');
    const c = await app.as('sales');
    const after = await c.get('/api/me');
    expect(after.body.remotes.find((r: { name: string }) => r.name === 'mfe-crm').version).toBe('1.1.0');
    expect(after.body.remotes.find((r: { name: string }) => r.name === 'mfe-sales').version).toBe('1.0.0');
    expect(await rollback('mfe-crm')).toBe('1.0.0');
    expect((await RemoteRelease.findOne({ name: 'mfe-crm' }).lean())?.current).toBe('1.0.0');
    await expect(rollback('mfe-sales')).rejects.toThrow(/no earlier version/);
  });
});

describe('administration: audit log and outbox', () => {
  it('admins read the audit log and the outbox; other roles get 403', async () => {
    const { OutboxMessage } = await import('../../src/outbox/outbox.js');
    await OutboxMessage.create({
      channel: 'email',
      provider: 'demo',
      to: ['client@exemple.fr'],
      subject: 'Votre devis',
      body: 'Bonjour',
    });
    const admin = await app.as('admin');
    const audit = await admin.get('/api/admin/audit?action=auth.login');
    expect(audit.status).toBe(200);
    expect(audit.body.total).toBeGreaterThan(0);
    expect(audit.body.items[0].action).toBe('auth.login');
    const outbox = await admin.get('/api/admin/outbox?channel=email');
    expect(outbox.status).toBe(200);
    expect(outbox.body.items[0]).toMatchObject({ to: ['client@exemple.fr'], subject: 'Votre devis' });
    for (const role of ['sales', 'marketing', 'account_manager'] as const) {
      const c = await app.as(role);
      expect((await c.get('/api/admin/audit')).status).toBe(403);
      expect((await c.get('/api/admin/outbox')).status).toBe(403);
    }
  });
});
