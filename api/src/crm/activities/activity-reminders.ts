/**
 * Reminders of planned activities: every minute, the activities whose reminder time has passed and
 * that were not reminded yet get a notification for their owner and an e-mail through the mailer (in
 * demo mode recorded in the outbox instead of being sent), unless the owner turned reminder e-mails off
 * in Paramètres. An e-mail that cannot be sent is logged; the notification stays.
 * Each reminder (activity + reminder time) is claimed once (`claimOnce`, a unique key) before anything
 * is sent, then `remindedAt` is set: two API instances — or a job run twice at once — never remind
 * twice, and a rescheduled activity is reminded again.
 */
import { ACTIVITY_TYPE_LABELS, formatDayLong, formatTime } from '../../contracts/index.js';
import { defineJob } from '../../jobs/agenda.js';
import { claimOnce } from '../../jobs/claims.js';
import { logger } from '../../logger.js';
import { notify } from '../../notifications/notification.model.js';
import { sendMail } from '../../mail/index.js';
import { toPreferences, User } from '../../team/user.model.js';
import { Activity } from './activity.model.js';

export const ACTIVITY_REMINDERS_JOB = 'crm.activity-reminders';
/** Most reminders sent by one run; the next run takes the rest. */
const BATCH = 200;

export interface ReminderOptions {
  /** Public origin of the portal, for the link in the e-mail. */
  publicUrl?: string;
  now?: Date;
}

/** Sends the reminders that are due; returns how many went out. */
export async function remindDueActivities({ publicUrl, now = new Date() }: ReminderOptions = {}): Promise<number> {
  const due = await Activity.find(
    { status: 'planned', deletedAt: null, remindedAt: null, remindAt: { $lte: now } },
    { type: 1, subject: 1, dueAt: 1, remindAt: 1, contactName: 1, owner: 1 },
  )
    .sort({ remindAt: 1 })
    .limit(BATCH)
    .lean();
  let sent = 0;
  for (const a of due) {
    if (!(await claimOnce(`activity-reminder:${String(a._id)}:${a.remindAt!.getTime()}`))) continue; // another run took it
    await Activity.updateOne({ _id: a._id, remindedAt: null }, { $set: { remindedAt: now } });
    const owner = await User.findById(a.owner, {
      email: 1,
      firstName: 1,
      company: 1,
      status: 1,
      preferences: 1,
    }).lean();
    if (!owner || owner.status !== 'active') {
      logger.info({ activityId: String(a._id) }, 'activity reminder skipped: owner missing or inactive');
      continue;
    }
    const link = `/crm/activites?activite=${String(a._id)}`;
    const title = `Rappel : ${ACTIVITY_TYPE_LABELS[a.type]} — ${a.subject}`;
    const when = `${formatDayLong(a.dueAt)} à ${formatTime(a.dueAt)}`;
    const body = `Prévu le ${when}${a.contactName ? ` avec ${a.contactName}` : ''}.`;
    await notify(owner._id, { title, body, link });
    if (toPreferences(owner).reminderEmail) {
      await sendMail({
        to: owner.email,
        company: owner.company,
        template: 'activity_reminder',
        data: {
          firstName: owner.firstName,
          title,
          when,
          contactName: a.contactName ?? undefined,
          link: `${publicUrl ?? ''}${link}`,
        },
        meta: { activityId: String(a._id) },
      }).catch(() => undefined); // logged by the mailer; the notification is there
    }
    sent++;
  }
  if (sent) logger.info({ sent }, 'activity reminders sent');
  return sent;
}

/** Registers the every-minute job; the API server starts it with the other jobs. */
export function defineActivityJobs(options: Omit<ReminderOptions, 'now'> = {}): void {
  defineJob({
    name: ACTIVITY_REMINDERS_JOB,
    label: 'Rappels des activités',
    handler: async () => {
      await remindDueActivities(options);
    },
    every: '1 minute',
    // The next run, a minute later, is the retry; each reminder is claimed once.
    maxAttempts: 1,
  });
}
