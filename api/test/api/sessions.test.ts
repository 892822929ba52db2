/**
 * Session limits (ASVS 3.3.2): an absolute lifetime counted from sign-in, and an idle limit counted
 * from the member's last request. Time is moved with the API's clock, never waited for.
 */
import mongoose from 'mongoose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COLLECTION } from '../../src/auth/sessions.js';
import { clock } from '../../src/clock.js';
import { DEMO_LOGIN_EMAILS } from '../../src/demo/accounts.js';
import { User } from '../../src/team/user.model.js';
import { type Client, startTestApp, type TestApp } from './harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const EXPIRED = 'Votre session a expiré : reconnectez-vous.';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ DEMO_MODE: 'true' });
  await User.create({
    firstName: 'Démo',
    lastName: 'Commercial',
    email: DEMO_LOGIN_EMAILS.sales,
    role: 'sales',
    team: 'Vente A',
    company: 'digiflow',
  });
});
afterAll(async () => {
  await app.close();
});

const realNow = clock.now;
let now = 0;
/** Moves the API's clock forward. */
const advance = (ms: number) => {
  now += ms;
};
beforeEach(() => {
  now = Date.parse('2026-03-02T08:00:00Z');
  clock.now = () => now;
});
afterEach(() => {
  clock.now = realNow;
});

const sessionsOf = (userId: string) =>
  mongoose.connection.collection(SESSION_COLLECTION).countDocuments({ 'session.passport.user': userId });

/** Expects the client's session to be closed: 401 saying so, then a plain 401 (the session is gone). */
async function expectExpired(c: Client) {
  const res = await c.get('/api/me');
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.detail).toBe(EXPIRED);
  const again = await c.get('/api/me');
  expect(again.status).toBe(401);
  expect(again.body.detail).toBe('Connectez-vous pour continuer.');
}

describe('absolute lifetime (SESSION_ABSOLUTE_HOURS, 12 h by default)', () => {
  it('an active member is signed out 12 hours after signing in, and may sign in again', async () => {
    const c = await app.as('marketing');
    for (let h = 1; h < 12; h++) {
      advance(HOUR);
      expect((await c.get('/api/me')).status, `${h} h`).toBe(200);
    }
    advance(59 * MINUTE);
    expect((await c.get('/api/me')).status, '11 h 59').toBe(200);
    advance(MINUTE);
    await expectExpired(c);
    // The session is destroyed in the store, not only refused.
    expect(await sessionsOf(app.members.marketing.id)).toBe(0);
    // Like the login page: a new CSRF token (the old one went with the session), then the password.
    c.csrf = undefined;
    expect((await c.login(app.members.marketing.email)).status).toBe(200);
    expect((await c.get('/api/me')).status).toBe(200);
  });

  it('a state-changing request of an expired session answers 401, not a CSRF error', async () => {
    const c = await app.as('admin');
    advance(12 * HOUR);
    const res = await c.post('/api/crm/contacts', { firstName: 'A', lastName: 'B', status: 'lead' });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe(EXPIRED);
  });

  it('counts from the demo login too', async () => {
    const c = app.client();
    await c.init();
    const res = await c.post('/api/auth/demo-login', { role: 'sales' });
    expect(res.status).toBe(200);
    c.csrf = res.body.csrfToken;
    advance(6 * HOUR);
    expect((await c.get('/api/me')).status).toBe(200);
    advance(6 * HOUR);
    await expectExpired(c);
  });

  it('closes a session that does not know when it started (opened before the limit existed)', async () => {
    const c = await app.as('account_manager');
    await mongoose.connection
      .collection(SESSION_COLLECTION)
      .updateMany(
        { 'session.passport.user': app.members.account_manager.id },
        { $unset: { 'session.signedInAt': '' } },
      );
    await expectExpired(c);
  });
});

describe('idle limit (10 h by default)', () => {
  it('counts from the last request, not from sign-in', async () => {
    const c = await app.as('sales');
    advance(2 * HOUR);
    expect((await c.get('/api/me')).status).toBe(200);
    advance(9 * HOUR + 59 * MINUTE);
    expect((await c.get('/api/me')).status, '9 h 59 idle').toBe(200);
  });

  it('signs out a member without any request for 10 hours', async () => {
    const c = await app.as('sales');
    advance(30 * MINUTE);
    expect((await c.get('/api/me')).status).toBe(200);
    advance(10 * HOUR);
    await expectExpired(c);
  });
});
