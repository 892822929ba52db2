import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** Optional text: empty or blank means unset. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined);
/** A 256-bit key in base64. */
const secretsKey = z
  .string()
  .trim()
  .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(v), {
    message: '32 octets encodés en base64 (openssl rand -base64 32)',
  });

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).default(3000),
  HOST: z.string().default('127.0.0.1'),
  MONGODB_URI: z.string().min(1, 'MONGODB_URI is required'),
  SESSION_SECRET: z.string().min(16, { message: 'au moins 16 caractères' }).optional(),
  /** Hours after sign-in at which a session ends, however active the member is (ASVS 3.3.2). */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number({ message: "un nombre d'heures" })
    .min(1, { message: 'au moins 1 heure' })
    .max(24 * 7, { message: 'au plus 168 heures (7 jours)' })
    .default(12),
  DEMO_MODE: bool,
  /** Public origin of the portal, used for OAuth callbacks. */
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: bool,
  COOKIE_SECURE: bool,
  REMOTES_DIR: z.string().default(path.join(repoRoot, 'data/remotes')),
  /** Base URL the remotes are served from (a CDN in production); defaults to the API itself. */
  REMOTES_BASE_URL: z.string().default('/remotes'),
  SHELL_DIR: z.string().default(path.join(repoRoot, 'shell/dist')),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  GOOGLE_ALLOWED_DOMAINS: list.transform((l) => (l.length ? l : ['digiflow-agency.fr', 'be-hype.com'])),
  GOOGLE_AUTH_URL: z.string().url().default('https://accounts.google.com/o/oauth2/v2/auth'),
  GOOGLE_TOKEN_URL: z.string().url().default('https://www.googleapis.com/oauth2/v4/token'),
  GOOGLE_USERINFO_URL: z.string().url().default('https://www.googleapis.com/oauth2/v3/userinfo'),
  LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_MAX_PER_EMAIL: z.coerce.number().int().min(1).default(8),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  LOG_LEVEL: z.string().default('info'),
  /** Where uploaded CSV files wait for their import (shared storage when several API instances run). */
  IMPORTS_DIR: z.string().default(path.join(os.tmpdir(), 'digiweb-imports')),
  /** Rows per batch of a contacts import: one checkpoint, one company sync per batch. */
  IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** A run that has not written its checkpoint for this long is presumed dead and resumed elsewhere. */
  IMPORT_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * Key of the connectors' secrets (AES-256-GCM): 32 random bytes in base64 (`openssl rand -base64 32`).
   * Required in production; a public development key is used elsewhere. Rotation: the new key here,
   * the old one in SECRETS_KEY_PREVIOUS until every secret has been re-encrypted.
   */
  SECRETS_KEY: secretsKey.optional(),
  SECRETS_KEY_PREVIOUS: secretsKey.optional(),
  /** Outgoing calls of the connectors: timeout of one attempt, attempts on 429/5xx, first backoff delay. */
  CONNECTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  CONNECTOR_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  CONNECTOR_RETRY_BASE_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  /**
   * Authorization and token endpoints of the OAuth 2.0 connectors, when not the provider's (tests point
   * them at a local server): `<CONNECTOR>_OAUTH_AUTHORIZE_URL` / `<CONNECTOR>_OAUTH_TOKEN_URL`.
   */
  GA4_OAUTH_AUTHORIZE_URL: z.string().url().optional(),
  GA4_OAUTH_TOKEN_URL: z.string().url().optional(),
  META_OAUTH_AUTHORIZE_URL: z.string().url().optional(),
  META_OAUTH_TOKEN_URL: z.string().url().optional(),
  LINKEDIN_OAUTH_AUTHORIZE_URL: z.string().url().optional(),
  LINKEDIN_OAUTH_TOKEN_URL: z.string().url().optional(),
  X_OAUTH_AUTHORIZE_URL: z.string().url().optional(),
  X_OAUTH_TOKEN_URL: z.string().url().optional(),
  GOOGLE_BUSINESS_OAUTH_AUTHORIZE_URL: z.string().url().optional(),
  GOOGLE_BUSINESS_OAUTH_TOKEN_URL: z.string().url().optional(),
  /** Pappers API v2 (company data by SIREN); the key is set by an admin in Administration → Intégrations. */
  PAPPERS_BASE_URL: z.string().url().default('https://api.pappers.fr/v2'),
  PAPPERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  /**
   * Token Aircall puts in every webhook payload (`token` field). An admin may also set it in
   * Administration → Intégrations (that one wins); neither set = the Aircall webhook refuses everything.
   */
  AIRCALL_WEBHOOK_TOKEN: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined),
  /** Outgoing e-mail (api/src/mail). Unset SMTP_HOST = nothing can be sent (except in demo mode). */
  SMTP_HOST: optionalText,
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(587),
  /** true = implicit TLS (port 465); false = plain connection upgraded with STARTTLS when offered. */
  SMTP_SECURE: bool,
  /** Refuse to send unless the connection is upgraded with STARTTLS (when SMTP_SECURE is false). */
  SMTP_REQUIRE_TLS: bool,
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  /** From address of the e-mails each issuing company sends. */
  MAIL_FROM_DIGIFLOW: z.string().default('"Digiflow Agency" <no-reply@digiflow-agency.fr>'),
  MAIL_FROM_BEHYPE: z.string().default('"Be Hype" <no-reply@be-hype.com>'),
  /** DKIM signing: on when a selector and a key (PEM, or a file holding it) are set. */
  DKIM_SELECTOR: optionalText,
  DKIM_PRIVATE_KEY: optionalText,
  DKIM_PRIVATE_KEY_FILE: optionalText,
  /** Signing domain; unset = the domain of the company's From address (aligned for DMARC). */
  DKIM_DOMAIN: optionalText,
});

export type Config = ReturnType<typeof loadConfig>;

/** Session secret used outside production when none is set: public, so refused in production. */
const DEV_SESSION_SECRET = 'digiweb-dev-only-session-secret';
const MIN_PRODUCTION_SECRET_LENGTH = 32;
/** Key of the connectors' secrets outside production: public, so refused in production. */
export const DEV_SECRETS_KEY = 'ZGlnaXdlYi1kZXYtb25seS1zZWNyZXRzLWtleS0zMmI=';

/** A configuration the server must not start with; its message (French) is meant for the operator. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** What production forbids: each entry is one French sentence for the operator. */
function productionProblems(c: z.output<typeof envSchema>): string[] {
  const problems: string[] = [];
  if (c.DEMO_MODE) {
    problems.push(
      'DEMO_MODE est interdit en production (connexion sans mot de passe, e-mails des comptes publiés). Retirez DEMO_MODE ou mettez-le à false.',
    );
  }
  const secret = c.SESSION_SECRET;
  if (!secret) {
    problems.push(
      `SESSION_SECRET est obligatoire en production (au moins ${MIN_PRODUCTION_SECRET_LENGTH} caractères aléatoires).`,
    );
  } else if (secret === DEV_SESSION_SECRET) {
    problems.push('SESSION_SECRET est la valeur de développement, publique : choisissez un secret aléatoire.');
  } else if (secret.length < MIN_PRODUCTION_SECRET_LENGTH) {
    problems.push(`SESSION_SECRET doit comporter au moins ${MIN_PRODUCTION_SECRET_LENGTH} caractères en production.`);
  }
  if (!c.SECRETS_KEY) {
    problems.push(
      'SECRETS_KEY est obligatoire en production : il chiffre les secrets des intégrations (32 octets aléatoires en base64, openssl rand -base64 32).',
    );
  } else if (c.SECRETS_KEY === DEV_SECRETS_KEY) {
    problems.push('SECRETS_KEY est la clé de développement, publique : générez une clé aléatoire.');
  }
  return problems;
}

/** Reads and checks the environment; throws a ConfigError (French message) when it cannot be used. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')} : ${i.message}`).join(' ; ');
    throw new ConfigError(`Configuration invalide : ${msg}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  const problems = production ? productionProblems(c) : [];
  if (problems.length) throw new ConfigError(problems.map((p) => `Configuration refusée : ${p}`).join('\n'));
  return {
    ...c,
    production,
    dkimPrivateKey: dkimKey(c),
    repoRoot,
    sessionSecret: c.SESSION_SECRET ?? DEV_SESSION_SECRET,
    secretsKey: c.SECRETS_KEY ?? DEV_SECRETS_KEY,
    googleEnabled: Boolean(c.GOOGLE_CLIENT_ID && c.GOOGLE_CLIENT_SECRET),
  };
}

/** The DKIM private key (PEM), from DKIM_PRIVATE_KEY (`\n` escapes allowed) or DKIM_PRIVATE_KEY_FILE. */
function dkimKey(c: z.infer<typeof envSchema>): string | undefined {
  if (c.DKIM_PRIVATE_KEY && c.DKIM_PRIVATE_KEY_FILE)
    throw new Error('Invalid configuration: set DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE, not both');
  let key = c.DKIM_PRIVATE_KEY?.replace(/\\n/g, '\n').trim();
  if (c.DKIM_PRIVATE_KEY_FILE) {
    try {
      key = fs.readFileSync(c.DKIM_PRIVATE_KEY_FILE, 'utf8').trim();
    } catch (err) {
      throw new Error(`Invalid configuration: DKIM_PRIVATE_KEY_FILE: ${(err as Error).message}`, { cause: err });
    }
  }
  if (Boolean(key) !== Boolean(c.DKIM_SELECTOR))
    throw new Error('Invalid configuration: DKIM needs both DKIM_SELECTOR and a private key');
  if (key && !key.includes('PRIVATE KEY-----'))
    throw new Error('Invalid configuration: the DKIM private key must be in PEM format');
  return key;
}
