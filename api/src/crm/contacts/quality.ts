/**
 * Quality score 0–100 of a contact, with its breakdown (contracts: QUALITY_CRITERIA):
 * - completeness (30): e-mail, phone, company, job title, full address, gérant filled in;
 * - validity (30): e-mail, phone and SIRET well-formed (SIRET with its check digit);
 * - enrichment (20): Pappers data present — full points under 12 months, half beyond;
 * - engagement (20): an activity completed with the contact in the last 90 days.
 * The score changes with the contact's fields, its enrichment and its activities
 * (`recomputeQuality`), and by itself as time passes (`qualityExpiresAt`, the daily job).
 */
import type { Types } from 'mongoose';
import {
  ENGAGEMENT_DAYS,
  ENRICHMENT_FRESH_DAYS,
  QUALITY_CRITERIA,
  isValidPhone,
  isValidSiret,
  type QualityItem,
  type QualityKey,
} from '../../contracts/index.js';
import { bulkWriteInChunks } from '../../db/bulk.js';
import { defineJob } from '../../jobs/agenda.js';
import { logger } from '../../logger.js';
import { Activity } from '../activities/index.js';
import { Contact } from './contact.model.js';

const DAY = 86_400_000;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const filled = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export interface QualityInput {
  email?: unknown;
  phone?: unknown;
  companyName?: unknown;
  jobTitle?: unknown;
  address?: unknown;
  postalCode?: unknown;
  city?: unknown;
  manager?: unknown;
  siret?: unknown;
  enrichment?: { at?: Date | string | null } | null;
}

export interface Quality {
  score: number;
  breakdown: QualityItem[];
  /** When the score will drop by itself (an activity or an enrichment getting old), or null. */
  expiresAt: Date | null;
}

/**
 * The score of a contact. `lastEngagementAt`: when the last activity completed with the contact took
 * place (its due date), if any.
 */
export function computeQuality(c: QualityInput, lastEngagementAt: Date | null = null, now = new Date()): Quality {
  const enrichedAt = c.enrichment?.at ? new Date(c.enrichment.at) : null;
  const freshUntil = enrichedAt ? new Date(enrichedAt.getTime() + ENRICHMENT_FRESH_DAYS * DAY) : null;
  const engagedUntil = lastEngagementAt ? new Date(lastEngagementAt.getTime() + ENGAGEMENT_DAYS * DAY) : null;
  const engaged = engagedUntil !== null && engagedUntil > now && lastEngagementAt! <= now;

  const ratio: Record<QualityKey, number> = {
    email: Number(filled(c.email)),
    phone: Number(filled(c.phone)),
    company: Number(filled(c.companyName)),
    jobTitle: Number(filled(c.jobTitle)),
    address: [c.address, c.postalCode, c.city].filter(filled).length / 3,
    manager: Number(filled(c.manager)),
    emailValid: Number(filled(c.email) && EMAIL.test(c.email.trim())),
    phoneValid: Number(filled(c.phone) && isValidPhone(c.phone)),
    siretValid: Number(filled(c.siret) && isValidSiret(c.siret)),
    enrichment: !enrichedAt ? 0 : freshUntil! > now ? 1 : 0.5,
    engagement: Number(engaged),
  };
  const breakdown = QUALITY_CRITERIA.map((k) => ({
    key: k.key,
    label: k.label,
    max: k.max,
    points: Math.round(k.max * ratio[k.key]),
  }));
  const score = Math.min(
    100,
    breakdown.reduce((s, i) => s + i.points, 0),
  );
  const drops = [engaged ? engagedUntil : null, freshUntil && freshUntil > now ? freshUntil : null].filter(
    (d): d is Date => d !== null,
  );
  const expiresAt = drops.length ? new Date(Math.min(...drops.map((d) => d.getTime()))) : null;
  return { score, breakdown, expiresAt };
}

/** The score alone, for a contact without activity (a new one, or in tests). */
export function qualityScore(c: QualityInput): number {
  return computeQuality(c).score;
}

/** The fields to store on the contact. */
export function qualityFields(q: Quality) {
  return { qualityScore: q.score, qualityBreakdown: q.breakdown, qualityExpiresAt: q.expiresAt };
}

/**
 * Per contact, when its last activity completed in the engagement window took place: its due date, or
 * now for one completed ahead of its due date.
 */
async function lastEngagements(contactIds: (string | Types.ObjectId)[], now: Date): Promise<Map<string, Date>> {
  const since = new Date(now.getTime() - ENGAGEMENT_DAYS * DAY);
  const rows = await Activity.find(
    { contactId: { $in: contactIds }, status: 'completed', deletedAt: null, dueAt: { $gt: since } },
    { contactId: 1, dueAt: 1 },
  ).lean();
  const last = new Map<string, Date>();
  for (const r of rows) {
    const key = String(r.contactId);
    const at = r.dueAt > now ? now : r.dueAt;
    const seen = last.get(key);
    if (!seen || at > seen) last.set(key, at);
  }
  return last;
}

/**
 * Recomputes and stores the score of these contacts from their current fields and activities. Call it
 * when an input changes outside the contact form: an activity created, completed, cancelled, moved or
 * deleted, an enrichment. Never throws (the change that triggered it is already saved): a failure is
 * logged, and the next change of the contact or of its activities repairs the score. Returns how many
 * contacts were updated.
 */
export async function recomputeQuality(
  contactIds: (string | Types.ObjectId | null | undefined)[],
  now = new Date(),
): Promise<number> {
  const ids = [...new Set(contactIds.filter((id): id is string | Types.ObjectId => !!id).map(String))];
  if (!ids.length) return 0;
  try {
    const [contacts, engagements] = await Promise.all([
      Contact.find(
        { _id: { $in: ids } },
        {
          email: 1,
          phone: 1,
          companyName: 1,
          jobTitle: 1,
          address: 1,
          postalCode: 1,
          city: 1,
          manager: 1,
          siret: 1,
          enrichment: 1,
        },
      ).lean(),
      lastEngagements(ids, now),
    ]);
    const ops = contacts.map((c) => ({
      updateOne: {
        filter: { _id: c._id },
        update: { $set: qualityFields(computeQuality(c, engagements.get(String(c._id)) ?? null, now)) },
      },
    }));
    await bulkWriteInChunks(Contact as never, ops);
    return ops.length;
  } catch (err) {
    logger.error({ err, contactIds: ids }, 'quality recompute failed');
    return 0;
  }
}

/** The score of one contact being saved (contact routes): same as `recomputeQuality`, on the document. */
export async function qualityOf(c: QualityInput & { _id: unknown }, now = new Date()): Promise<Quality> {
  const engagements = await lastEngagements([String(c._id)], now);
  return computeQuality(c, engagements.get(String(c._id)) ?? null, now);
}

export const QUALITY_REFRESH_JOB = 'crm.contact-quality-refresh';
const REFRESH_BATCH = 500;

/** Contacts whose score dropped by itself (engagement or enrichment now too old) get it recomputed. */
export async function refreshExpiredQuality(now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const due = await Contact.find({ qualityExpiresAt: { $ne: null, $lte: now } }, { _id: 1 })
      .limit(REFRESH_BATCH)
      .lean();
    if (!due.length) return total;
    const done = await recomputeQuality(
      due.map((d) => d._id),
      now,
    );
    total += done;
    if (done < due.length) return total; // a failure was logged: leave the rest for the next run
  }
}

export function defineQualityJobs(): void {
  defineJob({
    name: QUALITY_REFRESH_JOB,
    label: 'Mise à jour des scores de qualité',
    handler: async () => {
      const n = await refreshExpiredQuality();
      if (n) logger.info({ contacts: n }, 'contact quality scores refreshed');
    },
    every: '1 hour',
    maxAttempts: 1,
  });
}
