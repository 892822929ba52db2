/**
 * Outgoing messages. In demo mode nothing leaves the machine: every e-mail, SMS or social post is
 * recorded here instead (status `recorded`) and can be inspected in the admin space. Outside demo mode,
 * the e-mails sent to a contact are recorded here too (status `sent`) for the contact's history.
 */
import mongoose, { Schema } from 'mongoose';

export const OUTBOX_CHANNELS = ['email', 'sms', 'social'] as const;
/** `recorded`: kept here instead of being sent (demo mode); `sent`: delivered, kept for the history. */
export const OUTBOX_STATUSES = ['recorded', 'sent'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const outboxSchema = new Schema(
  {
    channel: { type: String, enum: OUTBOX_CHANNELS, required: true },
    provider: { type: String, required: true },
    status: { type: String, enum: OUTBOX_STATUSES, default: 'recorded' },
    to: [{ type: String }],
    subject: { type: String },
    body: { type: String },
    meta: { type: Schema.Types.Mixed },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);
outboxSchema.index({ createdAt: -1 });
// A contact's interaction history lists the e-mails sent to it.
outboxSchema.index({ 'meta.contactId': 1, createdAt: -1 });

export const OutboxMessage = mongoose.model('OutboxMessage', outboxSchema, 'outbox');
