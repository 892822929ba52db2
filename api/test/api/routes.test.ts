/**
 * The route permission snapshot: every route of the application with what it declares — module,
 * action and subject, or public / authenticated / webhook — read from the Express router stack and
 * checked in (routes.snapshot.txt). A route without a declaration fails; any change of a route or of
 * its permission shows in review as a diff of that file (`npx vitest run test/api/routes.test.ts -u`
 * rewrites it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRoutes, listRoutes } from '../../src/http/route-list.js';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
beforeAll(async () => {
  // Every optional route on: Google sign-in and the demo login are declared too.
  app = await startTestApp({ DEMO_MODE: 'true', GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 'secret' });
});
afterAll(async () => {
  await app.close();
});

describe('route permission snapshot', () => {
  it('every route declares who may call it', () => {
    const undeclared = listRoutes(app.express).filter((r) => !r.access);
    expect(undeclared.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('matches the checked-in list', async () => {
    await expect(formatRoutes(listRoutes(app.express))).toMatchFileSnapshot('./routes.snapshot.txt');
  });

  it('declares a permission on every /api route but sign-in, configuration and webhooks', () => {
    const open = listRoutes(app.express).filter((r) => r.path.startsWith('/api/') && r.access?.kind === 'public');
    expect(open.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [
        'GET /api/auth/config',
        'GET /api/auth/google',
        'GET /api/auth/google/callback',
        'GET /api/health',
        'POST /api/auth/demo-login',
        'POST /api/auth/login',
        'POST /api/auth/logout',
      ].sort(),
    );
  });
});
