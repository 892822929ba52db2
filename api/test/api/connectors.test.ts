/**
 * The connector registry: the shared HTTP client against local servers (a 503 then 200, a 429 with
 * Retry-After, a server that never answers), every attempt in the sync log; the integrations routes
 * (admins only, secrets encrypted and never sent back, the clear Pappers key of before migrated on
 * read, the connection test, the log), and the Aircall webhook secret set by an admin.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { ConnectorHttpError, connectorFetch } from '../../src/connectors/http.js';
import { Integration } from '../../src/connectors/store.js';
import { ConnectorLog } from '../../src/connectors/sync-log.js';
import { CONNECTOR_KEYS } from '../../src/contracts/index.js';
import { startTestApp, type TestApp } from './harness.js';

const PAPPERS_KEY = 'pappers-live-key-9876';
let server: http.Server;
let base: string;
const hits = new Map<string, number>();
const hitTimes = new Map<string, number[]>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const n = (hits.get(url.pathname) ?? 0) + 1;
    hits.set(url.pathname, n);
    hitTimes.set(url.pathname, [...(hitTimes.get(url.pathname) ?? []), Date.now()]);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/flaky')
      return n === 1 ? json(503, { error: 'Service Unavailable' }) : json(200, { ok: true });
    if (url.pathname === '/throttled') return json(429, { error: 'Too Many Requests' }, { 'retry-after': '1' });
    if (url.pathname === '/silent') return; // never answers
    // Pappers' documented credit balance: GET /v2/suivi-jetons?api_token=…
    if (url.pathname === '/v2/suivi-jetons')
      return url.searchParams.get('api_token') === PAPPERS_KEY
        ? json(200, { jetons_abonnement_utilises: 12, jetons_abonnement_restants: 988 })
        : json(401, { statusCode: 401, error: 'Unauthorized', message: "Clé d'API incorrecte" });
    json(404, { error: 'Not Found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ PAPPERS_BASE_URL: `${base}/v2`, CONNECTOR_RETRY_BASE_MS: '20' });
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  hits.clear();
  hitTimes.clear();
  await Promise.all([ConnectorLog.deleteMany({}), Integration.deleteMany({}), AuditLog.deleteMany({})]);
});

describe('connectorFetch, the one HTTP client', () => {
  it('retries a 503 with backoff, then succeeds, and logs both attempts', async () => {
    const res = await connectorFetch('haloscan', { operation: 'Essai', url: `${base}/flaky`, retryBaseMs: 50 });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
    expect(res.json()).toEqual({ ok: true });
    const [t1, t2] = hitTimes.get('/flaky')!;
    expect(t2! - t1!).toBeGreaterThanOrEqual(35); // 50 ms ± 20 %
    const logs = await ConnectorLog.find({ connector: 'haloscan' }).sort({ attempt: 1 }).lean();
    expect(logs.map((l) => [l.attempt, l.ok, l.status])).toEqual([
      [1, false, 503],
      [2, true, 200],
    ]);
    expect(logs[0]!.message).toMatch(/^Erreur 503 : nouvelle tentative dans \d+ ms\.$/);
    expect(logs[1]!.operation).toBe('Essai');
  });

  it('gives up after N attempts on 429, waiting the Retry-After each time', async () => {
    const started = Date.now();
    const res = await connectorFetch('haloscan', { operation: 'Essai', url: `${base}/throttled`, maxAttempts: 3 });
    expect(res.status).toBe(429);
    expect(res.attempts).toBe(3);
    expect(hits.get('/throttled')).toBe(3);
    const times = hitTimes.get('/throttled')!;
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const logs = await ConnectorLog.find({ connector: 'haloscan' }).sort({ attempt: 1 }).lean();
    expect(logs.map((l) => l.message)).toEqual([
      'Erreur 429 (trop de requêtes) : nouvelle tentative dans 1 s.',
      'Erreur 429 (trop de requêtes) : nouvelle tentative dans 1 s.',
      'Erreur 429 : abandon après 3 tentatives.',
    ]);
  });

  it('times out a server that never answers', async () => {
    const started = Date.now();
    const err = await connectorFetch('haloscan', { operation: 'Essai', url: `${base}/silent`, timeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConnectorHttpError);
    expect((err as ConnectorHttpError).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    const log = await ConnectorLog.findOne({ connector: 'haloscan' }).lean();
    expect(log).toMatchObject({ ok: false, status: null, message: 'Pas de réponse en 200 ms : délai dépassé.' });
  });
});

describe('integrations routes', () => {
  it('are refused to a non-admin, every one of them', async () => {
    for (const who of ['sales', 'marketing', 'account_manager'] as const) {
      const c = await app.as(who);
      const answers = await Promise.all([
        c.get('/api/admin/integrations'),
        c.put('/api/admin/integrations/pappers', { apiKey: PAPPERS_KEY }),
        c.delete('/api/admin/integrations/pappers'),
        c.post('/api/admin/integrations/pappers/test'),
        c.get('/api/admin/integrations/pappers/logs'),
      ]);
      expect(
        answers.map((a) => a.status),
        who,
      ).toEqual([403, 403, 403, 403, 403]);
    }
    expect(await Integration.countDocuments()).toBe(0);
  });

  it('list the whole registry by category, with the documented auth of each', async () => {
    const admin = await app.as('admin');
    const res = await admin.get('/api/admin/integrations');
    expect(res.status).toBe(200);
    expect(res.body.map((i: { key: string }) => i.key).sort()).toEqual([...CONNECTOR_KEYS].sort());
    const byKey = Object.fromEntries(res.body.map((i: { key: string }) => [i.key, i]));
    expect(byKey.pappers).toMatchObject({
      category: 'company_data',
      auth: 'api_key',
      available: true,
      status: 'not_connected',
    });
    expect(byKey.aircall).toMatchObject({
      category: 'telephony',
      auth: 'webhook_secret',
      webhookPath: '/api/webhooks/aircall',
    });
    expect(byKey.linkedin).toMatchObject({
      category: 'social',
      auth: 'oauth2',
      available: false,
      status: 'not_connected',
    });
    expect(byKey.trustpilot.category).toBe('reviews');
    expect(byKey.stripe.fields.map((f: { name: string; secret: boolean }) => [f.name, f.secret])).toEqual([
      ['secretKey', true],
      ['webhookSecret', true],
    ]);
  });

  it('encrypt secrets at rest and never send them back (last 4 only)', async () => {
    const admin = await app.as('admin');
    const set = await admin.put('/api/admin/integrations/stripe', {
      secretKey: 'sk_test_51abcdefWXYZ',
      webhookSecret: 'whsec_0123456789abcd',
    });
    expect(set.status).toBe(200);
    const stored = JSON.stringify(await Integration.findOne({ key: 'stripe' }).lean());
    expect(stored).not.toContain('sk_test_51abcdef');
    expect(stored).not.toContain('whsec_0123');
    const list = await admin.get('/api/admin/integrations');
    expect(list.text).not.toContain('sk_test_51abcdef');
    expect(list.text).not.toContain('whsec_0123');
    const stripe = list.body.find((i: { key: string }) => i.key === 'stripe');
    expect(stripe.fields).toEqual([
      expect.objectContaining({ name: 'secretKey', configured: true, last4: 'WXYZ', value: null }),
      expect.objectContaining({ name: 'webhookSecret', configured: true, last4: 'abcd', value: null }),
    ]);
    // Not available yet: "à connecter", whatever its settings.
    expect(stripe.status).toBe('not_connected');

    // An empty secret keeps the stored one; an unknown setting or a bad value is refused in French.
    const keep = await admin.put('/api/admin/integrations/stripe', {
      secretKey: '',
      webhookSecret: 'whsec_newvalue9999',
    });
    expect(keep.body.fields[0].last4).toBe('WXYZ');
    expect(keep.body.fields[1].last4).toBe('9999');
    const unknown = await admin.put('/api/admin/integrations/stripe', { password: 'x' });
    expect(unknown.status).toBe(422);
    const bad = await admin.put('/api/admin/integrations/pappers', { apiKey: 'a b c d e f g h' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('La clé API ne peut contenir ni espace ni accent.');
    const missing = await admin.put('/api/admin/integrations/pappers', {});
    expect(missing.status).toBe(422);
    expect(JSON.stringify(missing.body)).toContain('Clé API : obligatoire.');
    expect((await admin.put('/api/admin/integrations/inconnue', {})).status).toBe(404);

    const audit = await AuditLog.find({ action: 'integration.update' }).lean();
    expect(audit.length).toBe(2);
    expect(JSON.stringify(audit)).not.toContain('sk_test_51abcdef');
    expect(audit[0]!.details).toMatchObject({
      change: 'settings_set',
      last4: { secretKey: 'WXYZ', webhookSecret: 'abcd' },
    });

    const gone = await admin.delete('/api/admin/integrations/stripe');
    expect(gone.body).toMatchObject({ configured: false, last4: null });
    expect(await AuditLog.countDocuments({ 'details.change': 'disconnected' })).toBe(1);
  });

  it('migrate the clear Pappers key of before on first read, and keep it working', async () => {
    await Integration.collection.insertOne({ key: 'pappers', apiKey: PAPPERS_KEY, updatedByName: 'Ancien Admin' });
    const admin = await app.as('admin');
    const list = await admin.get('/api/admin/integrations');
    expect(list.body.find((i: { key: string }) => i.key === 'pappers')).toMatchObject({
      configured: true,
      last4: '9876',
    });
    const raw = await Integration.collection.findOne({ key: 'pappers' });
    expect(raw!.apiKey).toBeUndefined();
    expect(JSON.stringify(raw)).not.toContain(PAPPERS_KEY);

    const test = await admin.post('/api/admin/integrations/pappers/test');
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ ok: true, message: 'Connexion réussie : clé acceptée, 988 jetons restants.' });
    expect(test.body.integration).toMatchObject({
      status: 'connected',
      lastSync: { ok: true, operation: 'Test de connexion' },
    });
    expect(hits.get('/v2/suivi-jetons')).toBe(1);

    const logs = await admin.get('/api/admin/integrations/pappers/logs?pageSize=1');
    expect(logs.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(logs.body.items[0]).toMatchObject({ operation: 'Test de connexion', ok: true });
    expect(logs.text).not.toContain(PAPPERS_KEY);
    expect((await admin.get('/api/admin/integrations/pappers/logs?pageSize=500')).status).toBe(422);
  });

  it('report a refused key in French and show the connector in error', async () => {
    const admin = await app.as('admin');
    await admin.put('/api/admin/integrations/pappers', { apiKey: 'wrong-key-0000' });
    const test = await admin.post('/api/admin/integrations/pappers/test');
    expect(test.body).toMatchObject({
      ok: false,
      message: 'Pappers refuse la clé : vérifiez-la et enregistrez-la à nouveau.',
      integration: { status: 'error' },
    });
    const notAvailable = await admin.post('/api/admin/integrations/yousign/test');
    expect(notAvailable.status).toBe(409);
    expect(notAvailable.body.detail).toContain("n'est pas encore disponible");
  });

  it('let an admin set the Aircall webhook token, which the webhook then accepts', async () => {
    const deliver = (token: string) =>
      fetch(`${app.url}/api/webhooks/aircall`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ resource: 'call', event: 'call.created', token, data: {} }),
      });
    expect((await deliver('aircall-admin-token-1234')).status).toBe(401);
    const admin = await app.as('admin');
    const set = await admin.put('/api/admin/integrations/aircall', { webhookToken: 'aircall-admin-token-1234' });
    expect(set.body).toMatchObject({ configured: true, last4: '1234', status: 'connected' });
    expect((await deliver('aircall-admin-token-1234')).status).toBe(200);
    expect((await deliver('aircall-other-token-0000')).status).toBe(401);
    const test = await admin.post('/api/admin/integrations/aircall/test');
    expect(test.body.ok).toBe(true);
  });
});
