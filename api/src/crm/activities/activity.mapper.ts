/** Activity records as the API answers them: the full DTO, and the calendar's light items. */
import type { ActivityDto } from '../../contracts/index.js';
import { toUserSummary, type UserDoc } from '../../team/user.model.js';
import type { ActivityAttrs, ActivityDoc } from './activity.model.js';

/** What the owner of an activity shows (populate it with these fields before mapping). */
export const OWNER_FIELDS = 'firstName lastName avatarUrl';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);
const linked = (id: unknown, name: string | null | undefined) => (id ? { id: String(id), name: name ?? '' } : null);

/** What the calendar shows of an activity, and the start of its full DTO. */
export function activityEssentials(
  a: Pick<ActivityAttrs, 'type' | 'subject' | 'priority' | 'status' | 'dueAt' | 'durationMinutes'> & { _id: unknown },
) {
  return {
    id: String(a._id),
    type: a.type,
    subject: a.subject,
    priority: a.priority,
    status: a.status,
    dueAt: a.dueAt.toISOString(),
    durationMinutes: a.durationMinutes ?? undefined,
  };
}

export function toActivityDto(a: ActivityDoc): ActivityDto {
  const owner = a.owner as unknown as UserDoc | null;
  const call = a.aircall;
  return {
    ...activityEssentials(a),
    notes: a.notes ?? undefined,
    contact: linked(a.contactId, a.contactName),
    company: linked(a.companyId, a.companyName),
    deal: linked(a.dealId, a.dealName),
    owner: owner && typeof owner === 'object' && 'firstName' in owner ? toUserSummary(owner) : null,
    reminderMinutes: a.reminderMinutes ?? undefined,
    remindedAt: iso(a.remindedAt),
    source: a.source,
    aircall: call
      ? {
          callId: call.callId,
          direction: call.direction,
          phone: call.phone ?? undefined,
          recordingUrl: call.recordingUrl ?? undefined,
          durationSeconds: call.durationSeconds ?? undefined,
          missed: call.missed ?? false,
        }
      : undefined,
    completedAt: iso(a.completedAt),
    createdAt: (a as unknown as { createdAt: Date }).createdAt.toISOString(),
    updatedAt: (a as unknown as { updatedAt: Date }).updatedAt.toISOString(),
  };
}
