import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import {
  ACTIVITY_PRIORITIES,
  ACTIVITY_SOURCES,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  CALL_DIRECTIONS,
} from '../../contracts/index.js';
import { foldText } from '../contacts/index.js';

const aircallSchema = new Schema(
  {
    callId: { type: String, required: true },
    direction: { type: String, enum: CALL_DIRECTIONS, required: true },
    /** The other party's number, E.164. */
    phone: { type: String },
    recordingUrl: { type: String },
    durationSeconds: { type: Number },
    missed: { type: Boolean, default: false },
  },
  { _id: false },
);

const activitySchema = new Schema(
  {
    type: { type: String, enum: ACTIVITY_TYPES, required: true },
    subject: { type: String, required: true },
    priority: { type: String, enum: ACTIVITY_PRIORITIES, required: true },
    status: { type: String, enum: ACTIVITY_STATUSES, required: true },
    dueAt: { type: Date, required: true },
    /** Minutes. */
    durationMinutes: { type: Number, default: null },
    notes: { type: String },
    /** Linked records, with the names they had when linked, so that lists need no join. */
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact', default: null },
    contactName: { type: String },
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', default: null },
    companyName: { type: String },
    dealId: { type: Schema.Types.ObjectId, ref: 'Deal', default: null },
    dealName: { type: String },
    /** The member the activity belongs to (scope field, OWNER_FIELD.Activity). Never empty. */
    owner: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** Minutes before `dueAt` at which the owner is reminded; null for no reminder. */
    reminderMinutes: { type: Number, default: null },
    /** `dueAt − reminderMinutes`, kept up to date on every write, for the reminders job's query. */
    remindAt: { type: Date, default: null },
    /** Set once, by a conditional update, when the reminder went out. */
    remindedAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    source: { type: String, enum: ACTIVITY_SOURCES, required: true, default: 'manual' },
    aircall: { type: aircallSchema, default: undefined },
    /**
     * Unique key of the activity's origin: `aircall:<call id>` for a logged call (a redelivered webhook
     * hits the unique index instead of creating a second activity), `manual:<_id>` otherwise. FerretDB v1
     * has no partial index, hence a key every document fills.
     */
    originKey: {
      type: String,
      required: true,
      default: function (this: { _id: unknown }) {
        return `manual:${String(this._id)}`;
      },
    },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    /** Lower-case, accent-free "subject notes contact" for search (FerretDB v1 has no $text). */
    searchText: { type: String },
    /** Soft deletion, so that a deletion can be undone. */
    deletedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
// Timeline and calendar: scope (owner) then due date.
activitySchema.index({ owner: 1, dueAt: -1 });
activitySchema.index({ dueAt: -1 });
// List filters: status (planned / completed), type; a company's activities.
activitySchema.index({ status: 1, dueAt: -1 });
activitySchema.index({ type: 1, dueAt: -1 });
activitySchema.index({ companyId: 1, dueAt: -1 });
// A contact's interaction history, a deal's activities.
activitySchema.index({ contactId: 1, dueAt: -1 });
activitySchema.index({ dealId: 1, dueAt: -1 });
// Reminders job.
activitySchema.index({ remindedAt: 1, remindAt: 1 });
activitySchema.index({ originKey: 1 }, { unique: true });

export type ActivityAttrs = InferSchemaType<typeof activitySchema>;
export type ActivityDoc = HydratedDocument<ActivityAttrs>;
export const Activity = mongoose.model('Activity', activitySchema);

export function activitySearchText(a: { subject?: unknown; notes?: unknown; contactName?: unknown }): string {
  return foldText([a.subject, a.notes, a.contactName].filter((v) => typeof v === 'string' && v).join(' '));
}

/** When the owner is to be reminded, or null. */
export function remindAtOf(a: { dueAt?: Date | null; reminderMinutes?: number | null }): Date | null {
  if (!a.dueAt || a.reminderMinutes === null || a.reminderMinutes === undefined) return null;
  return new Date(a.dueAt.getTime() - a.reminderMinutes * 60_000);
}
