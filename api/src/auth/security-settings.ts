/**
 * Security settings an administrator sets (Administration → Sécurité), in the `settings` collection:
 * for now the idle limit of sessions. Every request of a signed-in member needs it, so it is read
 * through a short in-process cache: a change made through this instance applies from its next
 * request, one made through another instance within CACHE_MS.
 */
import mongoose, { Schema } from 'mongoose';
import { clock } from '../clock.js';
import { IDLE_MINUTES_DEFAULT } from '../contracts/index.js';

const SECURITY_ID = 'security';
const CACHE_MS = 30_000;

const securitySettingsSchema = new Schema(
  {
    _id: { type: String, required: true },
    idleMinutes: { type: Number, required: true },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    updatedByName: { type: String },
  },
  { timestamps: true },
);
export const SecuritySettings = mongoose.model('SecuritySettings', securitySettingsSchema, 'settings');

export interface StoredSecuritySettings {
  idleMinutes: number;
  updatedAt: Date | null;
  updatedByName: string | null;
}

/** The settings as stored, defaults when an administrator never changed them. */
export async function readSecuritySettings(): Promise<StoredSecuritySettings> {
  const doc = await SecuritySettings.findById(SECURITY_ID).lean();
  return {
    idleMinutes: doc?.idleMinutes ?? IDLE_MINUTES_DEFAULT,
    updatedAt: (doc as { updatedAt?: Date } | null)?.updatedAt ?? null,
    updatedByName: doc?.updatedByName ?? null,
  };
}

let cached: { idleMinutes: number; at: number } | undefined;
/** Bumped by every change, so that a read started before it cannot put the old value back. */
let generation = 0;
let pending: Promise<number> | undefined;

/** The idle limit in minutes, from the cache when it is fresh (one database read per CACHE_MS). */
export function idleLimitMinutes(): Promise<number> {
  const now = clock.now();
  if (cached && now >= cached.at && now - cached.at < CACHE_MS) return Promise.resolve(cached.idleMinutes);
  if (!pending) {
    const started = generation;
    pending = readSecuritySettings()
      .then(({ idleMinutes }) => {
        if (started === generation) cached = { idleMinutes, at: clock.now() };
        return idleMinutes;
      })
      .finally(() => {
        pending = undefined;
      });
  }
  return pending;
}

/** Stores a new idle limit; this instance applies it from its next request. Returns the previous one. */
export async function setIdleLimitMinutes(idleMinutes: number, by: { id: unknown; name: string }): Promise<number> {
  const before = await readSecuritySettings();
  await SecuritySettings.updateOne(
    { _id: SECURITY_ID },
    { $set: { idleMinutes, updatedBy: by.id, updatedByName: by.name } },
    { upsert: true },
  );
  generation++;
  cached = { idleMinutes, at: clock.now() };
  return before.idleMinutes;
}
