/**
 * OAuth 2.0 connectors against a local provider (node:http speaking RFC 6749 and RFC 7636): the
 * authorize endpoint redirects back with a code, the token endpoint answers the authorization_code
 * and refresh_token grants. GA4 (client_secret_post, PKCE) and X (client_secret_basic) are pointed at
 * it with GA4_OAUTH_* / X_OAUTH_*. Covered: the whole flow as an admin with the tokens encrypted in
 * the database, bad / replayed / expired states refused with nothing stored, the renewal shared by
 * two concurrent callers, a refused renewal, non-admins refused, disconnect forgetting the tokens,
 * the tokens re-encrypted by a key rotation.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { clock } from '../../src/clock.js';
import { DEV_SECRETS_KEY } from '../../src/config.js';
import { configureSecrets, currentKeyId } from '../../src/connectors/secrets.js';
import { OAUTH_EXPIRED_MESSAGE, OAuthError, connectorAccessToken } from '../../src/connectors/oauth.js';
import { Integration, loadOAuthTokens, reencryptAllSecrets, saveOAuthTokens } from '../../src/connectors/store.js';
import { ConnectorLog } from '../../src/connectors/sync-log.js';
import { startTestApp, type Client, type TestApp } from './harness.js';

const CLIENT_ID = 'erp-client-id';
const CLIENT_SECRET = 'erp-client-secret-42';

interface TokenCall {
  form: URLSearchParams;
  authorization?: string;
}
const codes = new Map<string, { redirectUri: string; challenge?: string; clientId: string }>();
const tokenCalls: TokenCall[] = [];
let issued = 0;
let provider: http.Server;
let providerUrl: string;

const sha256 = (v: string) => createHash('sha256').update(v).digest('base64url');

/** The client as the token endpoint sees it: Basic header or form fields (RFC 6749 §2.3.1). */
function clientOf(req: http.IncomingMessage, form: URLSearchParams): { id?: string; secret?: string } {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1]!, 'base64').toString().split(':').map(decodeURIComponent);
    return { id, secret };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

beforeAll(async () => {
  provider = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const redirectUri = url.searchParams.get('redirect_uri')!;
      const code = `code-${++issued}`;
      codes.set(code, {
        redirectUri,
        challenge: url.searchParams.get('code_challenge') ?? undefined,
        clientId: url.searchParams.get('client_id')!,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state')!);
      back.searchParams.set('authuser', '0'); // Google adds parameters of its own
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        tokenCalls.push({ form, authorization: req.headers.authorization });
        const client = clientOf(req, form);
        if (client.id !== CLIENT_ID || client.secret !== CLIENT_SECRET) return json(401, { error: 'invalid_client' });
        if (form.get('grant_type') === 'authorization_code') {
          const grant = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          if (!grant || grant.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
          if (grant.challenge && sha256(form.get('code_verifier') ?? '') !== grant.challenge)
            return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
          return json(200, {
            access_token: `at-${issued}-secret-access`,
            refresh_token: `rt-${issued}-secret-refresh`,
            expires_in: 3600,
            token_type: 'Bearer',
            scope: 'https://www.googleapis.com/auth/analytics.readonly',
          });
        }
        if (form.get('grant_type') === 'refresh_token') {
          if (form.get('refresh_token') === 'rt-revoked') return json(400, { error: 'invalid_grant' });
          // Slow enough for two callers to overlap; the refresh token is not rotated (like Google's).
          setTimeout(() => json(200, { access_token: `at-renewed-${tokenCalls.length}`, expires_in: 3600 }), 150);
          return;
        }
        json(400, { error: 'unsupported_grant_type' });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', () => r()));
  providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
});
afterAll(async () => {
  provider.closeAllConnections();
  await new Promise<void>((r) => provider.close(() => r()));
});

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    GA4_OAUTH_AUTHORIZE_URL: `${providerUrl}/authorize`,
    GA4_OAUTH_TOKEN_URL: `${providerUrl}/token`,
    X_OAUTH_AUTHORIZE_URL: `${providerUrl}/authorize`,
    X_OAUTH_TOKEN_URL: `${providerUrl}/token`,
    CONNECTOR_RETRY_BASE_MS: '20',
  });
});
afterAll(async () => {
  await app.close();
});
const realNow = clock.now;
beforeEach(async () => {
  tokenCalls.length = 0;
  codes.clear();
  await Promise.all([ConnectorLog.deleteMany({}), Integration.deleteMany({}), AuditLog.deleteMany({})]);
});
afterEach(() => {
  clock.now = realNow;
});

/** Who seeds a grant directly (a renewal alone writes only over an existing grant). */
const seeder = () => ({ id: app.members.admin.id, name: 'admin Test' });
const raw = (key: string) => Integration.collection.findOne({ key });

async function adminWithClient(key: 'ga4' | 'x'): Promise<Client> {
  const admin = await app.as('admin');
  const put = await admin.put(`/api/admin/integrations/${key}`, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  expect(put.status).toBe(200);
  return admin;
}

/** start → the provider's authorize endpoint → the callback URL it sends the browser to. */
async function authorize(admin: Client, key: 'ga4' | 'x'): Promise<{ authorizeUrl: URL; callback: string }> {
  const start = await admin.get(`/api/admin/integrations/${key}/oauth/start`);
  expect(start.status).toBe(200);
  const authorizeUrl = new URL(start.body.url);
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  return { authorizeUrl, callback: back.pathname + back.search };
}

describe('OAuth 2.0 authorization code flow', () => {
  it('authorises GA4: PKCE, client_secret_post, tokens stored encrypted, never sent back', async () => {
    const admin = await adminWithClient('ga4');
    const { authorizeUrl, callback } = await authorize(admin, 'ga4');
    expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${app.url}/api/admin/integrations/ga4/oauth/callback`,
      scope: 'https://www.googleapis.com/auth/analytics.readonly',
      code_challenge_method: 'S256',
      access_type: 'offline',
    });
    expect(authorizeUrl.searchParams.get('state')).toMatch(/^[\w-]{43}$/);

    const done = await admin.get(callback);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/integrations?oauth=ok&connecteur=ga4');

    // The code exchange: form-encoded, the verifier of the challenge, the client in the body.
    expect(tokenCalls).toHaveLength(1);
    const { form, authorization } = tokenCalls[0]!;
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(sha256(form.get('code_verifier')!)).toBe(authorizeUrl.searchParams.get('code_challenge'));
    expect(form.get('client_secret')).toBe(CLIENT_SECRET);
    expect(authorization).toBeUndefined();

    // In the database: ciphertexts only.
    const doc = await raw('ga4');
    const text = JSON.stringify(doc);
    expect(text).not.toContain('secret-access');
    expect(text).not.toContain('secret-refresh');
    expect(doc!.oauth.accessToken).toMatch(/^v1\./);
    expect(doc!.oauth.refreshToken).toMatch(/^v1\./);
    expect(await loadOAuthTokens('ga4')).toMatchObject({
      accessToken: 'at-1-secret-access',
      refreshToken: 'rt-1-secret-refresh',
    });

    // The page: authorised and until when, no token.
    const list = await admin.get('/api/admin/integrations');
    expect(list.text).not.toContain('secret-access');
    expect(list.text).not.toContain('secret-refresh');
    const ga4 = list.body.find((i: { key: string }) => i.key === 'ga4');
    expect(ga4).toMatchObject({ authorised: true, refreshable: true, statusMessage: null });
    expect(Date.parse(ga4.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    expect(list.body.find((i: { key: string }) => i.key === 'linkedin')).toMatchObject({ authorised: false });

    const audit = await AuditLog.findOne({
      action: 'integration.update',
      subjectId: 'ga4',
      'details.change': 'oauth_authorised',
    }).lean();
    expect(audit).toBeTruthy();
    expect(JSON.stringify(audit)).not.toContain('secret-access');
    const logs = await ConnectorLog.find({ connector: 'ga4', operation: 'Autorisation OAuth' }).sort({ at: 1 }).lean();
    expect(logs.map((l) => [l.ok, l.status, l.message])).toEqual([
      [true, 200, expect.stringMatching(/^Réponse 200/)],
      [true, null, 'Connecteur autorisé par un administrateur.'],
    ]);
  });

  it('authenticates X with HTTP Basic at the token endpoint', async () => {
    const admin = await adminWithClient('x');
    const { callback } = await authorize(admin, 'x');
    expect((await admin.get(callback)).headers.get('location')).toBe('/admin/integrations?oauth=ok&connecteur=x');
    const { form, authorization } = tokenCalls[0]!;
    expect(authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`);
    expect(form.has('client_secret')).toBe(false);
    expect(form.get('code_verifier')).toBeTruthy();
  });

  it('refuses a missing, unknown, replayed or expired state, storing nothing', async () => {
    const admin = await adminWithClient('ga4');
    const error = (raison: string) => `/admin/integrations?oauth=error&raison=${raison}&connecteur=ga4`;

    expect((await admin.get('/api/admin/integrations/ga4/oauth/callback?code=x')).headers.get('location')).toBe(
      error('etat_manquant'),
    );
    expect(
      (await admin.get('/api/admin/integrations/ga4/oauth/callback?code=x&state=forged')).headers.get('location'),
    ).toBe(error('etat_inconnu'));

    // Another admin's session does not know this state either.
    const { callback } = await authorize(admin, 'ga4');
    const other = await app.as('admin');
    expect((await other.get(callback)).headers.get('location')).toBe(error('etat_inconnu'));
    expect(tokenCalls).toHaveLength(0);

    // Used once: the second time is refused.
    expect((await admin.get(callback)).headers.get('location')).toBe('/admin/integrations?oauth=ok&connecteur=ga4');
    await admin.delete('/api/admin/integrations/ga4');
    await admin.put('/api/admin/integrations/ga4', { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    expect((await admin.get(callback)).headers.get('location')).toBe(error('etat_inconnu'));
    expect(tokenCalls).toHaveLength(1);
    expect((await raw('ga4'))!.oauth).toBeUndefined();

    // Expired: more than 10 minutes between start and callback.
    const late = await authorize(admin, 'ga4');
    const t = Date.now() + 11 * 60 * 1000;
    clock.now = () => t;
    expect((await admin.get(late.callback)).headers.get('location')).toBe(error('etat_expire'));
    expect(tokenCalls).toHaveLength(1);
    expect((await raw('ga4'))!.oauth).toBeUndefined();
  });

  it('is refused to a non-admin', async () => {
    await adminWithClient('ga4');
    for (const who of ['sales', 'marketing', 'account_manager'] as const) {
      const c = await app.as(who);
      expect((await c.get('/api/admin/integrations/ga4/oauth/start')).status, who).toBe(403);
      expect((await c.get('/api/admin/integrations/ga4/oauth/callback?code=a&state=b')).status, who).toBe(403);
    }
  });

  it('needs the client id and secret first', async () => {
    const admin = await app.as('admin');
    const res = await admin.get('/api/admin/integrations/ga4/oauth/start');
    expect(res.status).toBe(409);
    expect(res.body.error ?? res.text).toMatch(/identifiant et le secret client/);
    expect((await admin.get('/api/admin/integrations/pappers/oauth/start')).status).toBe(409);
  });

  it('disconnect forgets the tokens', async () => {
    const admin = await adminWithClient('ga4');
    const { callback } = await authorize(admin, 'ga4');
    await admin.get(callback);
    const res = await admin.delete('/api/admin/integrations/ga4');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ authorised: false, expiresAt: null });
    expect(await raw('ga4')).toBeNull();
    await expect(connectorAccessToken('ga4')).rejects.toBeInstanceOf(OAuthError);
  });

  it('a renewal in progress does not bring the tokens back after a disconnect', async () => {
    const admin = await adminWithClient('ga4');
    await saveOAuthTokens('ga4', { accessToken: 'at-old', refreshToken: 'rt-1', expiresAt: Date.now() }, seeder());
    const renewal = connectorAccessToken('ga4').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50)); // the provider answers after 150 ms
    expect((await admin.delete('/api/admin/integrations/ga4')).status).toBe(200);
    await renewal;
    expect(await raw('ga4')).toBeNull();
  });
});

describe('connectorAccessToken', () => {
  it('returns a token that is still valid without calling the provider', async () => {
    await adminWithClient('ga4');
    await saveOAuthTokens(
      'ga4',
      { accessToken: 'at-valid', refreshToken: 'rt-1', expiresAt: Date.now() + 600_000 },
      seeder(),
    );
    expect(await connectorAccessToken('ga4')).toBe('at-valid');
    expect(tokenCalls).toHaveLength(0);
  });

  it('renews a token ending within 60 s once for two concurrent callers, keeping the refresh token', async () => {
    await adminWithClient('ga4');
    await saveOAuthTokens(
      'ga4',
      { accessToken: 'at-old', refreshToken: 'rt-1', expiresAt: Date.now() + 30_000 },
      seeder(),
    );
    const [a, b] = await Promise.all([connectorAccessToken('ga4'), connectorAccessToken('ga4')]);
    expect(a).toBe('at-renewed-1');
    expect(b).toBe(a);
    expect(tokenCalls).toHaveLength(1);
    expect(Object.fromEntries(tokenCalls[0]!.form)).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
    });
    const stored = await loadOAuthTokens('ga4');
    expect(stored).toMatchObject({ accessToken: 'at-renewed-1', refreshToken: 'rt-1' });
    expect(stored!.expiresAt! - Date.now()).toBeGreaterThan(3500_000);
    expect(await connectorAccessToken('ga4')).toBe('at-renewed-1');
    expect(tokenCalls).toHaveLength(1);
  });

  it('puts the connector in error when the renewal is refused (invalid_grant)', async () => {
    const admin = await adminWithClient('ga4');
    await saveOAuthTokens(
      'ga4',
      { accessToken: 'at-old', refreshToken: 'rt-revoked', expiresAt: Date.now() - 1000 },
      seeder(),
    );
    const err = await connectorAccessToken('ga4').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OAuthError);
    expect((err as Error).message).toBe('Autorisation expirée : reconnectez le connecteur.');
    expect(OAUTH_EXPIRED_MESSAGE).toBe((err as Error).message);
    const ga4 = (await admin.get('/api/admin/integrations')).body.find((i: { key: string }) => i.key === 'ga4');
    expect(ga4).toMatchObject({
      status: 'error',
      authorised: false,
      statusMessage: 'Autorisation expirée : reconnectez le connecteur.',
    });
    expect(await loadOAuthTokens('ga4')).toBeUndefined();
    const log = await ConnectorLog.findOne({ connector: 'ga4', operation: 'Renouvellement du jeton OAuth' }).lean();
    expect(log).toMatchObject({ ok: false, status: 400 });
  });
});

describe('key rotation', () => {
  afterEach(() => configureSecrets({ current: DEV_SECRETS_KEY }));

  it('re-encrypts the OAuth tokens with the new key', async () => {
    await adminWithClient('ga4');
    await saveOAuthTokens('ga4', { accessToken: 'at-rot', refreshToken: 'rt-rot', expiresAt: null }, seeder());
    const next = randomBytes(32).toString('base64');
    configureSecrets({ current: next, previous: DEV_SECRETS_KEY });
    expect(await reencryptAllSecrets()).toBe(3); // the client secret and both tokens
    const doc = await raw('ga4');
    expect(doc!.oauth.accessToken.split('.')[1]).toBe(currentKeyId());
    expect(doc!.oauth.refreshToken.split('.')[1]).toBe(currentKeyId());
    // The previous key can go: the tokens still read.
    configureSecrets({ current: next });
    expect(await loadOAuthTokens('ga4')).toMatchObject({ accessToken: 'at-rot', refreshToken: 'rt-rot' });
  });
});
