/**
 * Aircall webhook: every ended call becomes a completed "Appel" activity on the contact whose phone
 * number matches.
 *
 * Authentication, as Aircall documents it (developer.aircall.io → "Webhook setup for integration
 * builders" / "A complete guide to Webhooks"): Aircall signs nothing cryptographically — there is no
 * signature header — but puts a top-level `token` string in every payload, equal to the token Aircall
 * shows (or returns) when the webhook is created. We compare it, in constant time, with the webhook
 * secret of the Aircall connector: the one an admin set in Administration → Intégrations, else
 * AIRCALL_WEBHOOK_TOKEN from the environment. No token configured, no token, a wrong token or a body that is not JSON:
 * 401 and nothing else happens. The route has no session and no CSRF token (it is mounted before
 * both); it reads the raw body itself.
 *
 * Aircall delivers at least once: the activity's unique `originKey` (`aircall:<call id>`) makes a
 * redelivered event a no-op. Events we do not use, and calls we cannot attach (unknown number, no
 * owner), are acknowledged with 200 so that Aircall does not retry them or disable the webhook.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { audit } from '../../audit/audit.js';
import { connectorSecret } from '../../connectors/store.js';
import { CALL_DIRECTIONS, formatPhone, normalisePhone } from '../../contracts/index.js';
import { HttpError } from '../../http/errors.js';
import { User } from '../../team/user.model.js';
import { crmRoles } from './activity-links.js';
import { Activity, activitySearchText } from './activity.model.js';
import { webhookRoute } from '../../http/access.js';
import { routeTable } from '../../http/route.js';
import { Contact, recomputeQuality } from '../contacts/index.js';

const nullish = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional();

/** The parts of Aircall's Call object we use; other fields are ignored. */
const callSchema = z.object({
  id: z.union([z.number().int().nonnegative(), z.string().trim().min(1).max(64)]),
  direction: z.enum(CALL_DIRECTIONS),
  /** Seconds. */
  duration: nullish(z.number().nonnegative()),
  /** Unix timestamps, in seconds. */
  started_at: nullish(z.number()),
  answered_at: nullish(z.number()),
  ended_at: nullish(z.number()),
  /** The other party's number, international format ("+33 6 12 34 56 78"). */
  raw_digits: nullish(z.string().max(40)),
  missed_call_reason: nullish(z.string().max(100)),
  /** Short-lived link to the recording file. */
  recording: nullish(z.string().max(2000)),
  /** Lasting link to the recording in Aircall. */
  asset: nullish(z.string().max(2000)),
  user: nullish(z.object({ email: nullish(z.string().max(254)), name: nullish(z.string().max(200)) })),
});

const eventSchema = z.object({
  resource: z.string(),
  event: z.string(),
  timestamp: nullish(z.number()),
  data: z.unknown(),
});

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison of the payload's token with the configured one. */
export function aircallTokenMatches(received: unknown, expected: string | undefined): boolean {
  if (!expected || typeof received !== 'string' || received.length === 0) return false;
  return timingSafeEqual(digest(received), digest(expected));
}

/** http(s) links only: the link is shown to members. */
function safeUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}

type CallResult =
  { outcome: 'created'; activityId: string } | { outcome: 'duplicate' } | { outcome: 'ignored'; reason: string };

async function ignored(
  req: Request,
  callId: string,
  reason: string,
  details: Record<string, unknown> = {},
): Promise<CallResult> {
  req.log.info({ callId, reason }, 'aircall call ignored');
  await audit(req, 'aircall.call_ignored', {
    subject: 'AircallCall',
    subjectId: callId,
    actorEmail: 'aircall',
    details: { reason, ...details },
  });
  return { outcome: 'ignored', reason };
}

async function logEndedCall(
  req: Request,
  call: z.infer<typeof callSchema>,
  eventTime: number | null | undefined,
): Promise<CallResult> {
  const callId = String(call.id);
  const originKey = `aircall:${callId}`;
  if (await Activity.exists({ originKey })) return { outcome: 'duplicate' };

  const phone = call.raw_digits ? normalisePhone(call.raw_digits) : undefined;
  if (!phone) return ignored(req, callId, 'no_valid_number');

  const email = call.user?.email?.trim().toLowerCase();
  const member = email
    ? await User.findOne({ email, status: 'active', role: { $in: await crmRoles() } }, { _id: 1 }).lean()
    : null;

  const candidates = await Contact.find(
    { phone, deletedAt: null },
    { firstName: 1, lastName: 1, companyName: 1, companyId: 1, assignedTo: 1 },
  )
    .sort({ updatedAt: -1 })
    .limit(10)
    .lean();
  if (candidates.length === 0) return ignored(req, callId, 'unknown_number', { phone });
  // Several contacts share the number: the one the member follows, else the most recently updated.
  const contact = (member && candidates.find((c) => String(c.assignedTo) === String(member._id))) ?? candidates[0]!;
  const owner = member?._id ?? contact.assignedTo;
  if (!owner) return ignored(req, callId, 'no_owner', { contactId: String(contact._id) });

  const seconds = call.duration ?? 0;
  const missed = call.direction === 'inbound' && (Boolean(call.missed_call_reason) || call.answered_at === null);
  const contactName = `${contact.firstName} ${contact.lastName}`;
  const subject = `${missed ? 'Appel manqué' : call.direction === 'inbound' ? 'Appel entrant' : 'Appel sortant'} — ${contactName}`;
  const notes = missed
    ? `Appel manqué depuis le ${formatPhone(phone)}, enregistré automatiquement par Aircall.`
    : `Appel ${call.direction === 'inbound' ? 'entrant depuis' : 'sortant vers'} le ${formatPhone(phone)} (${formatDuration(seconds)}), enregistré automatiquement par Aircall.`;
  const startedAt = new Date((call.started_at ?? eventTime ?? Date.now() / 1000) * 1000);
  const endedAt = call.ended_at ? new Date(call.ended_at * 1000) : new Date(startedAt.getTime() + seconds * 1000);
  const doc = {
    type: 'call' as const,
    subject,
    priority: 'medium' as const,
    status: 'completed' as const,
    dueAt: startedAt,
    completedAt: endedAt,
    durationMinutes: Math.round(seconds / 60),
    notes,
    contactId: contact._id,
    contactName,
    companyId: contact.companyId ?? null,
    companyName: contact.companyName ?? undefined,
    owner,
    source: 'aircall' as const,
    aircall: {
      callId,
      direction: call.direction,
      phone,
      recordingUrl: safeUrl(call.asset) ?? safeUrl(call.recording),
      durationSeconds: seconds,
      missed,
    },
    originKey,
  };
  try {
    const created = await Activity.create({ ...doc, searchText: activitySearchText(doc) });
    await recomputeQuality([contact._id]);
    req.log.info({ callId, activityId: String(created._id) }, 'aircall call logged');
    return { outcome: 'created', activityId: String(created._id) };
  } catch (err) {
    // Two deliveries of the same call at once: the unique index let only one in.
    if ((err as { code?: number }).code === 11000) return { outcome: 'duplicate' };
    throw err;
  }
}

export function aircallWebhookRouter(): Router {
  const router = Router();
  routeTable(router).post('/', {
    access: webhookRoute('Aircall token in the body'),
    before: [express.raw({ type: () => true, limit: '512kb' })],
    // The raw bytes: the token is checked before the payload is parsed against its schemas below.
    body: z.unknown(),
    handler: async ({ req, body }) => {
      const raw = Buffer.isBuffer(body) ? body.toString('utf8') : '';
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        payload = undefined;
      }
      const token = payload && typeof payload === 'object' ? (payload as { token?: unknown }).token : undefined;
      const expected = await connectorSecret('aircall', 'webhookToken');
      if (!aircallTokenMatches(token, expected)) {
        req.log.warn(
          { reason: expected ? (token === undefined ? 'no_token' : 'bad_token') : 'not_configured' },
          'aircall webhook refused',
        );
        throw new HttpError(401, 'Jeton du webhook Aircall absent ou invalide.');
      }

      const event = eventSchema.safeParse(payload);
      if (!event.success || event.data.resource !== 'call' || event.data.event !== 'call.ended')
        return { ok: true, ignored: event.success ? event.data.event : 'malformed_event' };
      const call = callSchema.safeParse(event.data.data);
      if (!call.success) {
        req.log.warn({ issues: call.error.issues.slice(0, 5) }, 'aircall call.ended payload not understood');
        return { ok: true, ignored: 'malformed_call' };
      }
      const result = await logEndedCall(req, call.data, event.data.timestamp);
      return { ok: true, ...result };
    },
  });
  return router;
}
