export {
  configureMailer,
  MailError,
  sendMail,
  type MailAttachment,
  type MailRequest,
  type MailResult,
} from './mailer.js';
export type { TemplateData, TemplateName } from './templates/index.js';
