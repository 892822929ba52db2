/**
 * Dated changes of a contact for its interaction history: creation, status, assignment and notes
 * changes (who, when, from what to what; the beginning of the new notes), enrichments and solvency
 * entries. Written by the contacts routes.
 */
import type { Request } from 'express';
import mongoose, { Schema, type Types } from 'mongoose';
import { CONTACT_EVENT_TYPES, type ContactEventType } from '../../contracts/index.js';
import { logger } from '../../logger.js';

const contactEventSchema = new Schema({
  contactId: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
  type: { type: String, enum: CONTACT_EVENT_TYPES, required: true },
  from: { type: String, default: null },
  to: { type: String, default: null },
  by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  at: { type: Date, required: true, default: () => new Date() },
});
contactEventSchema.index({ contactId: 1, at: -1, _id: -1 });

export const ContactEvent = mongoose.model('ContactEvent', contactEventSchema, 'contact_events');

type Id = string | Types.ObjectId;
export interface ContactEventInput {
  contactId: Id;
  type: ContactEventType;
  from?: Id | null;
  to?: Id | null;
}

const str = (v: Id | null | undefined) => (v === null || v === undefined ? null : String(v));

/**
 * Records events by the caller, now. Never fails the request: the change itself is saved already, so a
 * failure is only logged.
 */
export async function recordContactEvents(
  req: Request | null,
  events: ContactEventInput[],
  at = new Date(),
): Promise<void> {
  if (!events.length) return;
  const by = (req?.user as { _id?: Types.ObjectId } | undefined)?._id ?? null;
  try {
    await ContactEvent.insertMany(
      events.map((e) => ({ contactId: e.contactId, type: e.type, from: str(e.from), to: str(e.to), by, at })),
      { ordered: false },
    );
  } catch (err) {
    (req?.log ?? logger).error({ err }, 'contact events write failed');
  }
}

/** What a notes event keeps of the new text: its beginning, so that the history shows what changed. */
export const NOTES_EXCERPT_CHARS = 200;
const excerpt = (notes: string | null | undefined) => {
  if (!notes) return null;
  return notes.length > NOTES_EXCERPT_CHARS ? `${notes.slice(0, NOTES_EXCERPT_CHARS - 1)}…` : notes;
};

interface TrackedFields {
  status?: string | null;
  assignedTo?: unknown;
  notes?: string | null;
}

/** The events a change of these fields gives (status, assignment, notes), comparing before and after. */
export function changeEvents(contactId: Id, before: TrackedFields, after: TrackedFields): ContactEventInput[] {
  const events: ContactEventInput[] = [];
  if (after.status !== undefined && before.status !== after.status)
    events.push({ contactId, type: 'status', from: before.status ?? null, to: after.status ?? null });
  const owner = (v: unknown) => (v ? String(v) : null);
  if (after.assignedTo !== undefined && owner(before.assignedTo) !== owner(after.assignedTo))
    events.push({ contactId, type: 'assignment', from: owner(before.assignedTo), to: owner(after.assignedTo) });
  if (after.notes !== undefined && (before.notes ?? '') !== (after.notes ?? ''))
    events.push({ contactId, type: 'notes', from: null, to: excerpt(after.notes) });
  return events;
}
