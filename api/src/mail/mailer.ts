/**
 * The one mailer of the app. `sendMail` renders a template in the issuing company's layout, then:
 * - demo mode: records it in the outbox (status `recorded`), nothing leaves the machine;
 * - otherwise: sends it over SMTP (From and DKIM of the company) and, when it concerns a contact,
 *   records it (status `sent`) so the contact's history shows it;
 * - neither demo mode nor SMTP configured: fails with a French error (and a log), never drops silently.
 * `configureMailer(config)` is called once by createApp.
 */
import type { Transporter } from 'nodemailer';
import type { CompanyKey } from '../contracts/index.js';
import { HttpError } from '../http/errors.js';
import { logger } from '../logger.js';
import { recordMail, type AttachmentInfo } from './record.js';
import { renderMail } from './render.js';
import type { TemplateData, TemplateName } from './templates/index.js';
import { senders, smtpTransport, type MailConfig, type Sender } from './transport.js';

export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType?: string;
}

export interface MailRequest<K extends TemplateName> {
  to: string | string[];
  /** Issuing company: its From address, DKIM domain and layout. */
  company: CompanyKey;
  template: K;
  data: TemplateData<K>;
  attachments?: MailAttachment[];
  /** The e-mail concerns this contact: it shows in the contact's history. */
  contactId?: string;
  /** The member who sent it (shown in the contact's history). */
  createdBy?: string;
  /** References kept with the record (e.g. `activityId`). */
  meta?: Record<string, string>;
}

export interface MailResult {
  status: 'recorded' | 'sent';
  /** Message-ID of the sent e-mail. */
  messageId?: string;
  /** The outbox record, when there is one. */
  outboxId?: string;
}

/** A mail that could not be sent; `detail` is the French message for the user. */
export class MailError extends HttpError {}

interface Mailer {
  demo: boolean;
  transport: Transporter | null;
  senders: Record<CompanyKey, Sender>;
}

let mailer: Mailer | undefined;

/** Sets up the mailer from the configuration (validates the From addresses). */
export function configureMailer(config: MailConfig): void {
  mailer?.transport?.close();
  mailer = { demo: config.DEMO_MODE, transport: smtpTransport(config), senders: senders(config) };
  if (!mailer.demo && !mailer.transport)
    logger.warn('mail: SMTP_HOST unset and not in demo mode, no e-mail can be sent');
}

const NOT_CONFIGURED =
  'L’envoi d’e-mails n’est pas configuré sur ce serveur : l’e-mail n’a pas été envoyé. Prévenez un administrateur.';
const REFUSED =
  'L’e-mail n’a pas pu être envoyé : le serveur de messagerie l’a refusé ou ne répond pas. Réessayez plus tard.';

export async function sendMail<K extends TemplateName>(req: MailRequest<K>): Promise<MailResult> {
  const to = [req.to].flat();
  const log = { template: req.template, company: req.company, recipients: to.length, contactId: req.contactId };
  if (!mailer || (!mailer.demo && !mailer.transport)) {
    logger.error(log, 'mail not sent: neither demo mode nor SMTP configured');
    throw new MailError(503, NOT_CONFIGURED);
  }
  const rendered = await renderMail(req.template, req.data, req.company);
  rendered.subject = rendered.subject.replace(/\s+/g, ' ').trim();
  const attachments: AttachmentInfo[] = (req.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    size: typeof a.content === 'string' ? Buffer.byteLength(a.content) : a.content.length,
  }));
  const record = {
    to,
    rendered,
    template: req.template,
    company: req.company,
    attachments,
    contactId: req.contactId,
    createdBy: req.createdBy,
    meta: req.meta,
  };

  if (mailer.demo) {
    const outboxId = await recordMail({ ...record, status: 'recorded', provider: 'demo' });
    logger.info({ ...log, outboxId }, 'mail recorded in the demo outbox');
    return { status: 'recorded', outboxId };
  }

  const sender = mailer.senders[req.company];
  let info: { messageId: string; rejected?: unknown[] };
  try {
    info = await mailer.transport!.sendMail({
      from: sender.from,
      to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      attachments: req.attachments,
      dkim: sender.dkim,
    });
  } catch (err) {
    const e = err as { code?: string; responseCode?: number; message?: string };
    logger.error({ ...log, code: e.code, responseCode: e.responseCode, err: e.message }, 'mail not sent: SMTP error');
    throw new MailError(502, REFUSED);
  }
  const rejected = (info.rejected ?? []).map(String);
  if (rejected.length) logger.warn({ ...log, rejected: rejected.length }, 'mail sent, some recipients refused');
  const result: MailResult = { status: 'sent', messageId: info.messageId };
  logger.info({ ...log, messageId: info.messageId }, 'mail sent');
  if (req.contactId) {
    try {
      const accepted = to.filter((a) => !rejected.includes(a));
      result.outboxId = await recordMail({
        ...record,
        to: accepted,
        status: 'sent',
        provider: 'smtp',
        messageId: info.messageId,
      });
    } catch (err) {
      // Sent already: failing now would make the caller send it twice.
      logger.error({ ...log, err: (err as Error).message }, 'mail sent but not recorded in the contact history');
    }
  }
  return result;
}
