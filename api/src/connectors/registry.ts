/**
 * The connector registry: every third-party integration declares itself once, with `defineConnector`
 * (connectors/definitions.ts): key, category, French label and description, how it authenticates,
 * its settings (zod schema per field; secrets are encrypted at rest), a "test the connection" call and
 * what it syncs. The admin page (Administration → Intégrations) is built from this list.
 */
import { z } from 'zod';
import type { ConnectorAuthKind, ConnectorCategory, ConnectorKey } from '../contracts/index.js';
import type { Config } from '../config.js';
import { connectorFetch, type ConnectorRequest, type ConnectorResponse } from './http.js';

export interface ConnectorField {
  label: string;
  /** Encrypted at rest, never sent back (only its last 4 characters). */
  secret?: boolean;
  /** Needed for the connector to be "configured" (default true). */
  required?: boolean;
  help?: string;
  placeholder?: string;
  schema: z.ZodType<string>;
}

export type ConnectorAuth =
  | { kind: 'api_key'; how: string }
  | { kind: 'webhook_secret'; how: string }
  | {
      kind: 'oauth2';
      how: string;
      authorizeUrl: string;
      tokenUrl: string;
      scopes: string[];
      /** Proof Key for Code Exchange (RFC 7636, S256), required by some providers (X). */
      pkce?: boolean;
      /**
       * How the client authenticates at the token endpoint (RFC 6749 §2.3.1): its id and secret in the
       * form body (`client_secret_post`, the default) or in an HTTP Basic header (`client_secret_basic`).
       */
      clientAuth?: 'client_secret_post' | 'client_secret_basic';
      /** Extra parameters of the authorize URL (Google: `access_type=offline` for a refresh token). */
      authorizeParams?: Record<string, string>;
    };

/** What a connector's code gets: its settings (secrets decrypted), its base URL, the shared client. */
export interface ConnectorContext {
  key: ConnectorKey;
  settings: Record<string, string | undefined>;
  baseUrl: string;
  fetch(
    req: Omit<ConnectorRequest, 'url'> & { path: string; query?: Record<string, string> },
  ): Promise<ConnectorResponse>;
}

/** A failed connection test, with a French message for the administrator. */
export class ConnectorTestError extends Error {}

export interface ConnectorDefinition {
  key: ConnectorKey;
  category: ConnectorCategory;
  label: string;
  description: string;
  docsUrl: string;
  auth: ConnectorAuth;
  /** Base URL of its API: the environment variable that overrides it, and the default. */
  baseUrl?: { env: string; default: string };
  fields: Record<string, ConnectorField>;
  /** What it brings into the ERP, one French line each. */
  syncs: string[];
  /** False while its syncs are not written ("à connecter"). */
  available: boolean;
  /** Calls the service with the settings; returns a French success message or throws ConnectorTestError. */
  test?: (ctx: ConnectorContext) => Promise<string>;
  /** Settings the server's environment provides (they count as configured; an admin's value wins). */
  fromEnv?: (config: Config) => Record<string, string | undefined>;
  webhookPath?: string;
}

const registry = new Map<ConnectorKey, ConnectorDefinition>();

export function defineConnector(def: ConnectorDefinition): ConnectorDefinition {
  if (registry.has(def.key)) throw new Error(`connector ${def.key} declared twice`);
  registry.set(def.key, def);
  return def;
}

export const connectors = (): ConnectorDefinition[] => [...registry.values()];

export function connector(key: ConnectorKey): ConnectorDefinition {
  const def = registry.get(key);
  if (!def) throw new Error(`connector ${key} is not declared`);
  return def;
}

/** The settings schema: every field optional (an empty secret keeps the stored one), unknown ones refused. */
export function settingsSchema(def: ConnectorDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(def.fields)) {
    shape[name] = z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      field.schema.optional(),
    );
  }
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? 'Réglage inconnu.' : undefined),
  });
}

let env: Config | undefined;

/** Remembers the configuration (base URLs, settings from the environment); called when the app is built. */
export function configureConnectors(config: Config): void {
  env = config;
}

export function connectorBaseUrl(def: ConnectorDefinition): string {
  if (!def.baseUrl) return '';
  const fromConfig = env ? (env as unknown as Record<string, unknown>)[def.baseUrl.env] : undefined;
  const value =
    typeof fromConfig === 'string' && fromConfig ? fromConfig : process.env[def.baseUrl.env] || def.baseUrl.default;
  return value.replace(/\/+$/, '');
}

/** The value of a URL override: the configuration first, then the process environment. */
function envUrl(name: string): string | undefined {
  const fromConfig = env ? (env as unknown as Record<string, unknown>)[name] : undefined;
  return typeof fromConfig === 'string' && fromConfig ? fromConfig : process.env[name] || undefined;
}

/**
 * The OAuth 2.0 endpoints of a connector: its declared ones, or `<KEY>_OAUTH_AUTHORIZE_URL` and
 * `<KEY>_OAUTH_TOKEN_URL` (GA4_OAUTH_TOKEN_URL, GOOGLE_BUSINESS_OAUTH_AUTHORIZE_URL…) when set.
 */
export function connectorOAuthUrls(def: ConnectorDefinition): { authorizeUrl: string; tokenUrl: string } {
  if (def.auth.kind !== 'oauth2') throw new Error(`connector ${def.key} does not use OAuth 2.0`);
  const prefix = def.key.toUpperCase();
  return {
    authorizeUrl: envUrl(`${prefix}_OAUTH_AUTHORIZE_URL`) ?? def.auth.authorizeUrl,
    tokenUrl: envUrl(`${prefix}_OAUTH_TOKEN_URL`) ?? def.auth.tokenUrl,
  };
}

export const envSettings = (def: ConnectorDefinition): Record<string, string | undefined> =>
  env && def.fromEnv ? def.fromEnv(env) : {};

export function contextOf(def: ConnectorDefinition, settings: Record<string, string | undefined>): ConnectorContext {
  const baseUrl = connectorBaseUrl(def);
  return {
    key: def.key,
    settings,
    baseUrl,
    fetch: ({ path, query, ...req }) => {
      const url = new URL(baseUrl + path);
      for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
      return connectorFetch(def.key, { ...req, url });
    },
  };
}

export type { ConnectorAuthKind };
