/**
 * Third-party services an administrator connects (Administration → Intégrations): the connector
 * registry as the API describes it. Secrets never come back: only whether each one is set and its
 * last 4 characters.
 */
import { pagingFields } from './validators.js';
import { z } from 'zod';

export const CONNECTOR_KEYS = [
  'pappers',
  'aircall',
  'yousign',
  'stripe',
  'ga4',
  'haloscan',
  'meta',
  'linkedin',
  'x',
  'sendgrid',
  'google_business',
  'trustpilot',
] as const;
export type ConnectorKey = (typeof CONNECTOR_KEYS)[number];

export const CONNECTOR_CATEGORIES = {
  company_data: 'Données entreprises',
  telephony: 'Téléphonie',
  signature: 'Signature électronique',
  payment: 'Paiement',
  analytics: 'Analytics',
  social: 'Réseaux sociaux',
  email: 'E-mail',
  reviews: 'Avis clients',
} as const;
export type ConnectorCategory = keyof typeof CONNECTOR_CATEGORIES;

export const CONNECTOR_AUTH_LABELS = {
  api_key: 'Clé API',
  oauth2: 'OAuth 2.0 (autorisation, jeton de rafraîchissement)',
  webhook_secret: 'Secret de webhook',
} as const;
export type ConnectorAuthKind = keyof typeof CONNECTOR_AUTH_LABELS;

/** connecté / à connecter / erreur. */
export const CONNECTOR_STATUSES = ['connected', 'not_connected', 'error'] as const;
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

export interface ConnectorFieldDto {
  name: string;
  label: string;
  /** A secret: a password input, never prefilled; only `last4` comes back. */
  secret: boolean;
  required: boolean;
  help?: string;
  placeholder?: string;
  configured: boolean;
  last4: string | null;
  /** The value of a setting that is not a secret (an id, a URL). */
  value: string | null;
  /** Set by the server's environment (e.g. AIRCALL_WEBHOOK_TOKEN), not by an admin. */
  fromEnv?: boolean;
}

export interface ConnectorLastSync {
  at: string;
  ok: boolean;
  operation: string;
  message: string;
}

/** What the API answers about a connector. */
export interface IntegrationDto {
  key: ConnectorKey;
  label: string;
  category: ConnectorCategory;
  description: string;
  auth: ConnectorAuthKind;
  /** What it brings into the ERP, one line each. */
  syncs: string[];
  docsUrl: string;
  /** False while its syncs are not written yet: the admin can prepare the settings. */
  available: boolean;
  testable: boolean;
  status: ConnectorStatus;
  fields: ConnectorFieldDto[];
  /** Every required setting is set (by an admin or the environment). */
  configured: boolean;
  /** The last 4 characters of the main secret (the API key), to recognise it. */
  last4: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  lastSync: ConnectorLastSync | null;
  /** Where the third party must send its webhooks, for connectors that receive some. */
  webhookPath?: string;
  /** OAuth 2.0 connectors: an admin has authorised the ERP (tokens stored, never sent). */
  authorised?: boolean;
  /** When the current access token ends (ISO); null when unknown or not authorised. */
  expiresAt?: string | null;
  /** A refresh token is stored: the access token is renewed before it ends. */
  refreshable?: boolean;
  /** Why the connector is in error (a refused renewal), in French. */
  statusMessage?: string | null;
}

export interface ConnectorTestResult {
  ok: boolean;
  message: string;
  integration: IntegrationDto;
}

export interface ConnectorLogDto {
  id: string;
  at: string;
  operation: string;
  ok: boolean;
  status: number | null;
  durationMs: number;
  attempt: number;
  message: string;
}

/** A secret as an admin types it: printable ASCII, no spaces. */
export const secretValueSchema = z
  .string({ message: 'La valeur est obligatoire.' })
  .trim()
  .min(8, { message: 'La valeur est trop courte (8 caractères au moins).' })
  .max(4000, { message: 'La valeur est trop longue.' })
  .regex(/^[\x21-\x7e]+$/, { message: 'La valeur ne peut contenir ni espace ni accent.' });

export const apiKeyValueSchema = z
  .string({ message: 'La clé API est obligatoire.' })
  .trim()
  .min(8, { message: 'La clé API est trop courte.' })
  .max(200, { message: 'La clé API est trop longue.' })
  .regex(/^[\x21-\x7e]+$/, { message: 'La clé API ne peut contenir ni espace ni accent.' });

/** Kept for the Pappers form: `{ apiKey }`. */
export const pappersKeySchema = z.object({ apiKey: apiKeyValueSchema }).strict();
export type PappersKeyInput = z.input<typeof pappersKeySchema>;

export const connectorLogQuerySchema = z
  .object({
    ...pagingFields(),
    result: z.enum(['ok', 'error'], { message: 'Résultat inconnu.' }).optional(),
  })
  .strict();
