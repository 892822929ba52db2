/** Every template the app sends, by name. */
import { activityReminder } from './activity-reminder.js';
import type { MailTemplate } from './template.js';

export const TEMPLATES = {
  activity_reminder: activityReminder,
};

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateData<K extends TemplateName> = (typeof TEMPLATES)[K] extends MailTemplate<infer D> ? D : never;
export type { MailTemplate } from './template.js';
