/** The SMTP transport (nodemailer) and the per-company sender (From, DKIM) from the configuration. */
import nodemailer, { type Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { DKIMSingleKeyOptions } from 'nodemailer/lib/dkim';
import type { Config } from '../config.js';
import { COMPANIES, type CompanyKey } from '../contracts/index.js';

export type MailConfig = Pick<
  Config,
  | 'DEMO_MODE'
  | 'SMTP_HOST'
  | 'SMTP_PORT'
  | 'SMTP_SECURE'
  | 'SMTP_REQUIRE_TLS'
  | 'SMTP_USER'
  | 'SMTP_PASSWORD'
  | 'MAIL_FROM_DIGIFLOW'
  | 'MAIL_FROM_BEHYPE'
  | 'DKIM_SELECTOR'
  | 'DKIM_DOMAIN'
  | 'dkimPrivateKey'
>;

export interface Sender {
  /** The From header, e.g. `"Digiflow Agency" <no-reply@digiflow-agency.fr>`. */
  from: string;
  dkim?: DKIMSingleKeyOptions;
}

/** The SMTP transport, or null when SMTP_HOST is unset. */
export function smtpTransport(config: MailConfig): Transporter | null {
  if (!config.SMTP_HOST) return null;
  return nodemailer.createTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    requireTLS: config.SMTP_REQUIRE_TLS,
    auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

function fromAddress(value: string, variable: string): { from: string; domain: string } {
  const [parsed, ...others] = addressparser(value, { flatten: true });
  const domain = parsed?.address?.split('@')[1];
  if (!parsed || others.length || !domain)
    throw new Error(`Invalid configuration: ${variable} is not one e-mail address`);
  return { from: value, domain: domain.toLowerCase() };
}

/** From address and DKIM signing of each issuing company. */
export function senders(config: MailConfig): Record<CompanyKey, Sender> {
  const raw: Record<CompanyKey, [string, string]> = {
    digiflow: [config.MAIL_FROM_DIGIFLOW, 'MAIL_FROM_DIGIFLOW'],
    behype: [config.MAIL_FROM_BEHYPE, 'MAIL_FROM_BEHYPE'],
  };
  return Object.fromEntries(
    COMPANIES.map((company) => {
      const { from, domain } = fromAddress(...raw[company]);
      const dkim =
        config.DKIM_SELECTOR && config.dkimPrivateKey
          ? {
              domainName: config.DKIM_DOMAIN ?? domain,
              keySelector: config.DKIM_SELECTOR,
              privateKey: config.dkimPrivateKey,
            }
          : undefined;
      return [company, { from, dkim }];
    }),
  ) as Record<CompanyKey, Sender>;
}
