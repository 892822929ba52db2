/** Every template the app sends, by name. */
import { activityReminder } from './activity-reminder.js';
import { contactMessage } from './contact-message.js';
import type { MailTemplate } from './template.js';

export const TEMPLATES = {
  activity_reminder: activityReminder,
  contact_message: contactMessage,
};

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateData<K extends TemplateName> = (typeof TEMPLATES)[K] extends MailTemplate<infer D> ? D : never;
export type { MailTemplate } from './template.js';
