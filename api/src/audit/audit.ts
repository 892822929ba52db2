import type { Request } from 'express';
import mongoose, { Schema } from 'mongoose';

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.google_refused',
  'auth.password_change',
  'contact.delete',
  'contact.restore',
  'contact.assign',
  'contact.export',
  'contact.import',
  'contact.import_undo',
  'contact.rgpd_export',
  'contact.erase',
  'contact.bulk',
  'contact.bulk_undo',
  'contact.enrich',
  'contact.company_link_approve',
  'contact.company_link_refuse',
  'deal.delete',
  'deal.restore',
  'deal.owner_change',
  'deal.export',
  'activity.delete',
  'activity.restore',
  'activity.owner_change',
  'activity.export',
  'aircall.call_ignored',
  'company.export',
  'user.role_change',
  'user.status_change',
  'user.update',
  'remote.deploy',
  'remote.rollback',
  'integration.update',
  'security.update',
  'file.upload',
  'file.delete',
  'job.retry',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const auditSchema = new Schema({
  at: { type: Date, default: () => new Date() },
  action: { type: String, enum: AUDIT_ACTIONS, required: true },
  actorId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  actorEmail: { type: String },
  subject: { type: String },
  subjectId: { type: String },
  ip: { type: String },
  requestId: { type: String },
  details: { type: Schema.Types.Mixed },
});
auditSchema.index({ at: -1 });
auditSchema.index({ actorId: 1, at: -1 });

export const AuditLog = mongoose.model('AuditLog', auditSchema, 'audit_logs');

/** Records a sensitive action; never fails the request it belongs to. */
export async function audit(
  req: Request | null,
  action: AuditAction,
  entry: { subject?: string; subjectId?: string; details?: Record<string, unknown>; actorEmail?: string } = {},
): Promise<void> {
  const user = req?.user as { _id?: unknown; email?: string } | undefined;
  try {
    await AuditLog.create({
      action,
      actorId: (user?._id ?? null) as never,
      actorEmail: entry.actorEmail ?? user?.email,
      subject: entry.subject,
      subjectId: entry.subjectId,
      ip: req?.ip,
      requestId: req ? String(req.id ?? '') : undefined,
      details: entry.details,
    });
  } catch (err) {
    req?.log?.error({ err, action }, 'audit write failed');
  }
}
