/**
 * Aircall webhook: an authenticated `call.ended` event becomes one completed call activity on the
 * contact with the same number (whatever its formatting), once; forged or unsigned payloads are
 * refused with 401 and change nothing. Payload shape as in Aircall's documentation (Call object).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { Activity, aircallTokenMatches } from '../../src/crm/activities/index.js';
import { Contact } from '../../src/crm/contacts/index.js';
import { makeContact } from '../factories.js';
import { startTestApp, type TestApp } from './harness.js';

const TOKEN = '45f5c2d9a1b84e6f9c3d7e21a0b6c4f8';
let app: TestApp;
let contactId: string;

beforeAll(async () => {
  app = await startTestApp({ AIRCALL_WEBHOOK_TOKEN: TOKEN });
});
afterAll(async () => {
  await app.close();
});

beforeEach(async () => {
  await Promise.all([Activity.deleteMany({}), Contact.deleteMany({}), AuditLog.deleteMany({})]);
  const c = await makeContact({
    firstName: 'Julien',
    lastName: 'Moreau',
    companyName: 'Moreau Rénovation',
    phone: '+33612345678',
    status: 'prospect',
    assignedTo: app.members.colleague.id,
  });
  contactId = String(c._id);
});

const startedAt = 1_790_000_000; // a Unix timestamp, in seconds, as Aircall sends them

function callEnded(overrides: Record<string, unknown> = {}, data: Record<string, unknown> = {}) {
  return {
    resource: 'call',
    event: 'call.ended',
    timestamp: startedAt + 400,
    token: TOKEN,
    data: {
      id: 812345678,
      direct_link: 'https://api.aircall.io/v1/calls/812345678',
      status: 'done',
      direction: 'outbound',
      started_at: startedAt,
      answered_at: startedAt + 12,
      ended_at: startedAt + 264,
      duration: 264,
      raw_digits: '06 12 34 56 78',
      voicemail: null,
      recording: 'https://recordings.aircall.io/812345678.mp3?signature=abc',
      asset: 'https://assets.aircall.io/calls/812345678/recording',
      archived: false,
      missed_call_reason: null,
      user: { id: 456, name: 'Sales Test', email: 'SALES@digiflow-agency.fr', available: true },
      number: { id: 123, name: 'Standard Digiflow', digits: '+33 1 84 80 00 00' },
      contact: null,
      tags: [],
      comments: [],
      ...data,
    },
    ...overrides,
  };
}

/** Posts like Aircall does: JSON, no session cookie, no CSRF token. */
async function deliver(body: unknown) {
  const res = await fetch(`${app.url}/api/webhooks/aircall`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Aircall-Webhook' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

describe('Aircall webhook', () => {
  it('logs a call.ended as one completed call activity on the contact whose number matches', async () => {
    const res = await deliver(callEnded());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, outcome: 'created' });
    const activities = await Activity.find({}).lean();
    expect(activities).toHaveLength(1);
    const a = activities[0]!;
    expect(a).toMatchObject({
      type: 'call',
      status: 'completed',
      source: 'aircall',
      contactName: 'Julien Moreau',
      companyName: 'Moreau Rénovation',
      durationMinutes: 4,
      subject: 'Appel sortant — Julien Moreau',
      aircall: {
        callId: '812345678',
        direction: 'outbound',
        phone: '+33612345678',
        recordingUrl: 'https://assets.aircall.io/calls/812345678/recording',
        durationSeconds: 264,
        missed: false,
      },
    });
    expect(String(a.contactId)).toBe(contactId);
    // The Aircall user's e-mail names the owner (case aside), before the contact's assignee.
    expect(String(a.owner)).toBe(app.members.sales.id);
    expect(a.dueAt.toISOString()).toBe(new Date(startedAt * 1000).toISOString());
    expect(a.completedAt!.toISOString()).toBe(new Date((startedAt + 264) * 1000).toISOString());
    expect(a.notes).toContain('06 12 34 56 78');

    // The owner sees it in his timeline, on the contact's history.
    const sales = await app.as('sales');
    const list = await sales.get(`/api/crm/activities?contactId=${contactId}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ source: 'aircall', status: 'completed', aircall: { direction: 'outbound' } });
  });

  it('a redelivered event creates nothing more, even two deliveries at once', async () => {
    expect((await deliver(callEnded())).body.outcome).toBe('created');
    const again = await deliver(callEnded());
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('duplicate');
    const twice = await Promise.all([deliver(callEnded({}, { id: 999 })), deliver(callEnded({}, { id: 999 }))]);
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    expect(twice.map((r) => r.body.outcome).sort()).toEqual(['created', 'duplicate']);
    expect(await Activity.countDocuments({})).toBe(2);
  });

  it('refuses forged or unsigned payloads with 401 and creates nothing', async () => {
    const valid = callEnded();
    const { token: _token, ...withoutToken } = valid;
    const forged: [string, unknown][] = [
      ['wrong token', { ...valid, token: 'f'.repeat(TOKEN.length) }],
      ['token with one more character', { ...valid, token: `${TOKEN}0` }],
      ['token prefix', { ...valid, token: TOKEN.slice(0, 10) }],
      ['token differently cased', { ...valid, token: TOKEN.toUpperCase() }],
      ['no token', withoutToken],
      ['empty token', { ...valid, token: '' }],
      ['token as an object', { ...valid, token: { $ne: '' } }],
      ['token as an array', { ...valid, token: [TOKEN] }],
      ['token inside data only', { ...withoutToken, data: { ...valid.data, token: TOKEN } }],
      ['not JSON', `token=${TOKEN}`],
      ['empty body', ''],
    ];
    for (const [label, body] of forged) {
      const res = await deliver(body);
      expect(res.status, label).toBe(401);
      expect(res.headers.get('content-type'), label).toContain('application/problem+json');
      expect(res.headers.get('set-cookie'), label).toBeNull();
    }
    expect(await Activity.countDocuments({})).toBe(0);
    expect(await AuditLog.countDocuments({})).toBe(0);
  });

  it('compares tokens only when one is configured', () => {
    expect(aircallTokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(aircallTokenMatches(TOKEN, undefined)).toBe(false);
    expect(aircallTokenMatches('', '')).toBe(false);
    expect(aircallTokenMatches(undefined, TOKEN)).toBe(false);
  });

  it('matches the number whatever its formatting (international, dots)', async () => {
    expect((await deliver(callEnded({}, { id: 1, raw_digits: '+33 6 12 34 56 78' }))).body.outcome).toBe('created');
    expect((await deliver(callEnded({}, { id: 2, raw_digits: '06.12.34.56.78' }))).body.outcome).toBe('created');
    const activities = await Activity.find({}).lean();
    expect(activities.map((a) => String(a.contactId))).toEqual([contactId, contactId]);
  });

  it("falls back on the contact's assignee when the Aircall user is no member", async () => {
    const res = await deliver(callEnded({}, { user: { id: 9, name: 'Standardiste', email: 'accueil@exemple.fr' } }));
    expect(res.body.outcome).toBe('created');
    const a = await Activity.findOne({}).lean();
    expect(String(a!.owner)).toBe(app.members.colleague.id);
  });

  it('a missed inbound call is logged as a missed call', async () => {
    const res = await deliver(
      callEnded({}, { direction: 'inbound', answered_at: null, duration: 18, missed_call_reason: 'no_available_agent', recording: null, asset: null }),
    );
    expect(res.body.outcome).toBe('created');
    const a = await Activity.findOne({}).lean();
    expect(a).toMatchObject({ subject: 'Appel manqué — Julien Moreau', durationMinutes: 0, aircall: { missed: true, direction: 'inbound' } });
    expect(a!.aircall!.recordingUrl).toBeUndefined();
  });

  it('ignores, with 200 and an audit line, a number no contact has and a call with no owner', async () => {
    const unknown = await deliver(callEnded({}, { id: 11, raw_digits: '+33 7 00 00 00 01' }));
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ outcome: 'ignored', reason: 'unknown_number' });

    await Contact.updateOne({ _id: contactId }, { $set: { assignedTo: null } });
    const orphan = await deliver(callEnded({}, { id: 12, user: null }));
    expect(orphan.body).toMatchObject({ outcome: 'ignored', reason: 'no_owner' });

    const noNumber = await deliver(callEnded({}, { id: 13, raw_digits: 'anonymous' }));
    expect(noNumber.body).toMatchObject({ outcome: 'ignored', reason: 'no_valid_number' });

    expect(await Activity.countDocuments({})).toBe(0);
    const entries = await AuditLog.find({ action: 'aircall.call_ignored' }).sort({ at: 1 }).lean();
    expect(entries.map((e) => [e.subjectId, (e.details as { reason: string }).reason])).toEqual([
      ['11', 'unknown_number'],
      ['12', 'no_owner'],
      ['13', 'no_valid_number'],
    ]);
  });

  it('acknowledges other events and malformed calls without creating anything', async () => {
    expect((await deliver(callEnded({ event: 'call.created' }))).body).toMatchObject({ ok: true, ignored: 'call.created' });
    expect((await deliver(callEnded({ resource: 'user', event: 'user.connected' }))).status).toBe(200);
    expect((await deliver(callEnded({}, { direction: 'sideways' }))).body).toMatchObject({ ok: true, ignored: 'malformed_call' });
    expect((await deliver(callEnded({}, { recording: 'javascript:alert(1)', asset: null }))).body.outcome).toBe('created');
    const a = await Activity.findOne({}).lean();
    expect(a!.aircall!.recordingUrl).toBeUndefined();
    expect(await Activity.countDocuments({})).toBe(1);
  });
});
