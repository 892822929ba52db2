/**
 * Brings up the whole portal for the browser tests, as `npm start` does but isolated: a fresh
 * FerretDB in a temporary folder, the demo data set, every built remote published into a
 * temporary store, a local OAuth2/OIDC server standing in for Google, and the API on a free port.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { OAuth2Server } from 'oauth2-mock-server';
import { freePort, startFerretDB, withDatabase } from '../scripts/lib/ferretdb.js';

export interface GoogleIdentity {
  email: string;
  given_name?: string;
  family_name?: string;
  email_verified?: boolean;
}

export default async function globalSetup() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-e2e-'));
  const db = await startFerretDB({ dataDir: path.join(tmp, 'db') });

  // Google stand-in: a real OAuth2/OIDC server; the identity it returns is set by the tests
  // through a small control endpoint (tests run in other processes).
  const oauth = new OAuth2Server();
  await oauth.issuer.keys.generate('RS256');
  await oauth.start(await freePort(), '127.0.0.1');
  let identity: GoogleIdentity = { email: 'personne@gmail.com' };
  oauth.service.on('beforeUserinfo', (res) => {
    res.body = {
      sub: `google-${identity.email}`,
      email: identity.email,
      email_verified: identity.email_verified ?? true,
      given_name: identity.given_name ?? 'Test',
      family_name: identity.family_name ?? 'Google',
      name: `${identity.given_name ?? 'Test'} ${identity.family_name ?? 'Google'}`,
    };
  });
  const control = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      identity = JSON.parse(body) as GoogleIdentity;
      res.end('ok');
    });
  });
  const controlPort = await freePort();
  await new Promise<void>((r) => control.listen(controlPort, '127.0.0.1', () => r()));

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const issuer = oauth.issuer.url!;
  Object.assign(process.env, {
    MONGODB_URI: withDatabase(db.uri, 'digiweb_e2e'),
    DEMO_MODE: 'true',
    PORT: String(port),
    REMOTES_DIR: path.join(tmp, 'remotes'),
    PUBLIC_URL: baseURL,
    LOG_LEVEL: 'warn',
    GOOGLE_CLIENT_ID: 'digiweb-e2e',
    GOOGLE_CLIENT_SECRET: 'e2e-secret',
    GOOGLE_AUTH_URL: `${issuer}/authorize`,
    GOOGLE_TOKEN_URL: `${issuer}/token`,
    GOOGLE_USERINFO_URL: `${issuer}/userinfo`,
    E2E_BASE_URL: baseURL,
    E2E_OAUTH_CONTROL: `http://127.0.0.1:${controlPort}`,
  });

  const { connectDatabase } = await import('../api/src/db/connection.js');
  const { seedDemoData } = await import('../api/src/demo/seed.js');
  const { publishAllIfNeeded } = await import('../scripts/lib/remotes.js');
  const { startServer } = await import('../api/src/server.js');
  await connectDatabase(process.env.MONGODB_URI!);
  await seedDemoData();
  await publishAllIfNeeded(process.env.REMOTES_DIR!);
  const server = await startServer();

  return async () => {
    await server.close();
    await oauth.stop();
    control.close();
    await db.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
}
