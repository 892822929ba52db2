/**
 * Brings up the whole portal for the browser tests (scripts/lib/stack.ts: FerretDB in a temporary
 * folder, demo data, every built remote published, the API on a free port) with a local
 * OAuth2/OIDC server standing in for Google.
 */
import http from 'node:http';
import { OAuth2Server } from 'oauth2-mock-server';
import { freePort } from '../scripts/lib/ferretdb.js';
import { startStack } from '../scripts/lib/stack.js';

export interface GoogleIdentity {
  email: string;
  given_name?: string;
  family_name?: string;
  email_verified?: boolean;
}

export default async function globalSetup() {
  // The identity the OAuth2 server returns is set by the tests, which run in other processes,
  // through a small control endpoint.
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

  const issuer = oauth.issuer.url!;
  const stack = await startStack({
    port: Number(process.env.E2E_PORT),
    env: {
      GOOGLE_CLIENT_ID: 'digiweb-e2e',
      GOOGLE_CLIENT_SECRET: 'e2e-secret',
      GOOGLE_AUTH_URL: `${issuer}/authorize`,
      GOOGLE_TOKEN_URL: `${issuer}/token`,
      GOOGLE_USERINFO_URL: `${issuer}/userinfo`,
    },
  });
  process.env.E2E_BASE_URL = stack.baseURL;
  process.env.E2E_OAUTH_CONTROL = `http://127.0.0.1:${controlPort}`;

  return async () => {
    await stack.close();
    await oauth.stop();
    control.close();
  };
}
