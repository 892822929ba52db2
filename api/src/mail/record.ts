/**
 * The record of an e-mail in the outbox collection: in demo mode instead of sending it (status
 * `recorded`), and after sending one that concerns a contact (status `sent`), so the contact's history
 * lists both with one query on `meta.contactId`.
 */
import type { CompanyKey } from '../contracts/index.js';
import { OutboxMessage, type OutboxStatus } from '../outbox/outbox.js';
import type { RenderedMail } from './render.js';

export interface AttachmentInfo {
  filename: string;
  contentType?: string;
  size: number;
}

export interface MailRecord {
  status: OutboxStatus;
  provider: 'demo' | 'smtp';
  to: string[];
  rendered: RenderedMail;
  template: string;
  company: CompanyKey;
  attachments: AttachmentInfo[];
  contactId?: string;
  createdBy?: string;
  meta?: Record<string, string>;
  messageId?: string;
}

export async function recordMail(r: MailRecord): Promise<string> {
  const doc = await OutboxMessage.create({
    channel: 'email',
    provider: r.provider,
    status: r.status,
    to: r.to,
    subject: r.rendered.subject,
    body: r.rendered.text,
    createdBy: r.createdBy ?? null,
    meta: {
      ...r.meta,
      kind: r.template,
      company: r.company,
      html: r.rendered.html,
      attachments: r.attachments,
      ...(r.contactId ? { contactId: r.contactId } : {}),
      ...(r.messageId ? { messageId: r.messageId } : {}),
    },
  });
  return String(doc._id);
}
