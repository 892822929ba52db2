/** A message a member writes to a contact (CRM): his text in the company layout, signed with his name. */
import type { MailTemplate } from './template.js';

export interface ContactMessageData {
  subject: string;
  /** The member's text; line breaks are kept. */
  body: string;
  senderName: string;
}

export const contactMessage: MailTemplate<ContactMessageData> = {
  subject: (d) => d.subject,
  mjml: `
        <mj-text>{{body}}</mj-text>
        <mj-text>{{senderName}}</mj-text>`,
  vars: (d) => ({ body: d.body, senderName: d.senderName }),
  text: (d) => `${d.body}\n\n${d.senderName}`,
};
