/** Reminder of a planned activity, sent to its owner (api/src/crm/activity-reminders.ts). */
import type { MailTemplate } from './template.js';

export interface ActivityReminderData {
  firstName: string;
  /** "Rappel : Appel — Rappeler Mme Garnier", the title of the notification too. */
  title: string;
  /** Due date, already formatted in French (Paris time). */
  when: string;
  contactName?: string;
  /** Absolute link to the activity in the portal. */
  link: string;
}

const withContact = (d: ActivityReminderData) => (d.contactName ? ` avec ${d.contactName}` : '');

export const activityReminder: MailTemplate<ActivityReminderData> = {
  subject: (d) => d.title,
  mjml: `
        <mj-text>Bonjour {{firstName}},</mj-text>
        <mj-text font-size="17px" font-weight="bold">{{title}}</mj-text>
        <mj-text>Prévu le {{when}}{{withContact}}.</mj-text>
        <mj-button href="{{link}}" align="left">Voir l’activité</mj-button>`,
  vars: (d) => ({ firstName: d.firstName, title: d.title, when: d.when, withContact: withContact(d), link: d.link }),
  text: (d) =>
    `Bonjour ${d.firstName},\n\n${d.title}\nPrévu le ${d.when}${withContact(d)}.\n\nVoir l’activité : ${d.link}`,
};
