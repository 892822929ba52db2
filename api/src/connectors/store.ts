/**
 * Settings of the connectors, in the `integrations` collection (one document per connector key):
 * plain settings in `settings`, secrets in `secrets.<name>` as AES-256-GCM ciphertexts (secrets.ts)
 * with their last 4 characters. Secrets are decrypted server-side only, for the connector's calls.
 *
 * Migration on read: before the registry, the Pappers key was stored in clear in `apiKey`; the first
 * read encrypts it into `secrets.apiKey` and removes the clear copy. A secret encrypted with the
 * previous key (SECRETS_KEY_PREVIOUS) is re-encrypted with the current one when read.
 *
 * The OAuth 2.0 tokens of a connector (connectors/oauth.ts) live in `oauth`: access and refresh tokens
 * encrypted the same way, their expiry, and the French message of a refused renewal. They are never
 * part of the settings and never leave the server: the page only learns whether it is authorised.
 */
import mongoose, { Schema } from 'mongoose';
import { ZodError } from 'zod';
import type { ConnectorKey, ConnectorLastSync, IntegrationDto, ConnectorStatus } from '../contracts/index.js';
import { logger } from '../logger.js';
import './definitions.js';
import { connector, connectors, envSettings, settingsSchema, type ConnectorDefinition } from './registry.js';
import { currentKeyId, decryptSecret, encryptSecret, keyIdOfSecret, SecretError } from './secrets.js';
import { ConnectorLog } from './sync-log.js';

interface StoredSecret {
  value: string;
  last4: string;
}

const integrationSchema = new Schema(
  {
    key: { type: String, required: true },
    /** Before the registry: the Pappers key in clear. Migrated (and removed) on read. */
    apiKey: { type: String },
    settings: { type: Schema.Types.Mixed, default: () => ({}) },
    secrets: { type: Schema.Types.Mixed, default: () => ({}) },
    oauth: { type: Schema.Types.Mixed, default: undefined },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    updatedByName: { type: String },
  },
  { timestamps: true, minimize: false },
);
integrationSchema.index({ key: 1 }, { unique: true });
export const Integration = mongoose.model('Integration', integrationSchema, 'integrations');

interface IntegrationDoc {
  _id: unknown;
  key: string;
  apiKey?: string;
  settings?: Record<string, string>;
  secrets?: Record<string, StoredSecret>;
  oauth?: StoredOAuth;
  updatedByName?: string;
  updatedAt?: Date;
}

/** The OAuth 2.0 grant of a connector, as stored: tokens encrypted (secrets.ts). */
interface StoredOAuth {
  accessToken?: string;
  refreshToken?: string;
  expiresAt?: Date | null;
  scope?: string;
  authorisedAt?: Date;
  authorisedByName?: string;
  /** Why the grant can no longer be used (a refused renewal), in French; the tokens are gone then. */
  error?: string;
}

/** The tokens of a connector, decrypted: server-side only. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string;
  /** Milliseconds since the epoch; null when the provider gave no lifetime. */
  expiresAt: number | null;
  scope?: string;
}

const last4 = (v: string) => v.slice(-4);

/** The stored document, migrated: legacy clear key encrypted, stale ciphertexts re-encrypted. */
async function load(key: ConnectorKey): Promise<{ doc: IntegrationDoc | null; values: Record<string, string> }> {
  const doc = (await Integration.findOne({ key }).lean()) as IntegrationDoc | null;
  if (!doc) return { doc, values: {} };
  const values: Record<string, string> = { ...(doc.settings ?? {}) };
  const updates: Record<string, StoredSecret> = {};
  for (const [name, stored] of Object.entries(doc.secrets ?? {})) {
    try {
      const { value, stale } = decryptSecret(stored.value);
      values[name] = value;
      if (stale) updates[name] = { value: encryptSecret(value), last4: stored.last4 };
    } catch (err) {
      if (!(err instanceof SecretError)) throw err;
      logger.error({ connector: key, secret: name, err: err.message }, 'connector secret cannot be decrypted');
    }
  }
  const oauthUpdates: Record<string, string> = {};
  for (const name of ['accessToken', 'refreshToken'] as const) {
    const blob = doc.oauth?.[name];
    if (!blob) continue;
    try {
      const { value, stale } = decryptSecret(blob);
      if (stale) oauthUpdates[`oauth.${name}`] = encryptSecret(value);
    } catch (err) {
      if (!(err instanceof SecretError)) throw err;
      logger.error({ connector: key, token: name, err: err.message }, 'connector OAuth token cannot be decrypted');
    }
  }
  if (Object.keys(oauthUpdates).length) {
    await Integration.updateOne({ _id: doc._id }, { $set: oauthUpdates }, { timestamps: false });
    for (const [path, blob] of Object.entries(oauthUpdates))
      (doc.oauth as Record<string, unknown>)[path.slice('oauth.'.length)] = blob;
  }
  const legacy = doc.apiKey && !doc.secrets?.apiKey ? doc.apiKey : undefined;
  if (legacy) {
    values.apiKey = legacy;
    updates.apiKey = { value: encryptSecret(legacy), last4: last4(legacy) };
  }
  if (Object.keys(updates).length || doc.apiKey) {
    const $set = Object.fromEntries(Object.entries(updates).map(([n, s]) => [`secrets.${n}`, s]));
    await Integration.updateOne({ _id: doc._id }, { $set, $unset: { apiKey: '' } }, { timestamps: false });
    doc.secrets = { ...doc.secrets, ...updates };
    delete doc.apiKey;
  }
  return { doc, values };
}

/** The settings of a connector, secrets decrypted, with those the environment provides as fallback. */
export async function connectorSettings(key: ConnectorKey): Promise<Record<string, string | undefined>> {
  const def = connector(key);
  const { values } = await load(key);
  const merged: Record<string, string | undefined> = { ...envSettings(def) };
  for (const [name, v] of Object.entries(values)) if (v) merged[name] = v;
  return merged;
}

/** One setting (an API key…), for server-side calls only; undefined when not configured. */
export async function connectorSecret(key: ConnectorKey, name: string): Promise<string | undefined> {
  return (await connectorSettings(key))[name] || undefined;
}

/** Validates and saves an admin's settings: an empty or missing secret keeps the stored one. */
export async function saveConnectorSettings(
  key: ConnectorKey,
  input: unknown,
  by: { id: unknown; name: string },
): Promise<string[]> {
  const def = connector(key);
  const parsed = settingsSchema(def).parse(input ?? {}) as Record<string, string | undefined>;
  const { doc } = await load(key);
  const env = envSettings(def);
  const $set: Record<string, unknown> = { updatedBy: by.id, updatedByName: by.name };
  const changed: string[] = [];
  for (const [name, field] of Object.entries(def.fields)) {
    const value = parsed[name];
    if (value === undefined) continue;
    changed.push(name);
    if (field.secret) $set[`secrets.${name}`] = { value: encryptSecret(value), last4: last4(value) };
    else $set[`settings.${name}`] = value;
  }
  const missing = Object.entries(def.fields).filter(
    ([name, f]) =>
      f.required !== false &&
      parsed[name] === undefined &&
      !doc?.secrets?.[name] &&
      !doc?.settings?.[name] &&
      !env[name],
  );
  if (missing.length) {
    throw new ZodError(
      missing.map(([name, f]) => ({
        code: 'custom',
        path: [name],
        message: `${f.label} : obligatoire.`,
        input: undefined,
      })),
    );
  }
  await Integration.updateOne({ key }, { $set, $setOnInsert: { key } }, { upsert: true });
  return changed;
}

/** The OAuth 2.0 tokens of a connector, decrypted; undefined when it is not authorised. */
export async function loadOAuthTokens(key: ConnectorKey): Promise<OAuthTokens | undefined> {
  const { doc } = await load(key);
  const stored = doc?.oauth;
  if (!stored?.accessToken) return undefined;
  try {
    return {
      accessToken: decryptSecret(stored.accessToken).value,
      refreshToken: stored.refreshToken ? decryptSecret(stored.refreshToken).value : undefined,
      expiresAt: stored.expiresAt ? new Date(stored.expiresAt).getTime() : null,
      scope: stored.scope,
    };
  } catch (err) {
    if (err instanceof SecretError) return undefined;
    throw err;
  }
}

/**
 * Stores the tokens of a grant, encrypted. Without a new refresh token (a provider that does not
 * rotate it) the stored one is kept. `by` is the admin who authorised it; without it (a renewal)
 * nothing is written unless the connector still has a grant.
 */
export async function saveOAuthTokens(
  key: ConnectorKey,
  tokens: OAuthTokens,
  by?: { id: unknown; name: string },
): Promise<void> {
  const $set: Record<string, unknown> = {
    'oauth.accessToken': encryptSecret(tokens.accessToken),
    'oauth.expiresAt': tokens.expiresAt === null ? null : new Date(tokens.expiresAt),
  };
  if (tokens.refreshToken) $set['oauth.refreshToken'] = encryptSecret(tokens.refreshToken);
  if (tokens.scope !== undefined) $set['oauth.scope'] = tokens.scope;
  const $unset: Record<string, ''> = { 'oauth.error': '' };
  if (by) {
    $set['oauth.authorisedAt'] = new Date();
    $set['oauth.authorisedByName'] = by.name;
    $set.updatedBy = by.id;
    $set.updatedByName = by.name;
    // A new authorisation replaces the whole grant: no refresh token of a previous one survives it.
    if (!tokens.refreshToken) $unset['oauth.refreshToken'] = '';
  }
  if (by) await Integration.updateOne({ key }, { $set, $unset, $setOnInsert: { key } }, { upsert: true });
  // A renewal only updates a grant that is still there: a disconnect during it wins.
  else await Integration.updateOne({ key, 'oauth.accessToken': { $exists: true } }, { $set, $unset });
}

/** The grant can no longer be used: its tokens are forgotten and the reason is shown on the page. */
export async function markOAuthError(key: ConnectorKey, message: string): Promise<void> {
  await Integration.updateOne(
    { key },
    {
      $set: { 'oauth.error': message },
      $unset: { 'oauth.accessToken': '', 'oauth.refreshToken': '', 'oauth.expiresAt': '' },
    },
  );
}

/** Forgets every setting of a connector; true when there was something to forget. */
export async function removeConnectorSettings(key: ConnectorKey): Promise<boolean> {
  const { deletedCount } = await Integration.deleteOne({ key });
  return deletedCount > 0;
}

/** Re-encrypts every secret with the current key (after a rotation); returns how many were rewritten. */
export async function reencryptAllSecrets(): Promise<number> {
  let n = 0;
  for (const def of connectors()) {
    const before = (await Integration.findOne({ key: def.key }).lean()) as IntegrationDoc | null;
    if (!before) continue;
    const blobs = [
      ...Object.values(before.secrets ?? {}).map((s) => s.value),
      ...[before.oauth?.accessToken, before.oauth?.refreshToken].filter((b): b is string => Boolean(b)),
    ];
    const stale = blobs.filter((b) => keyIdOfSecret(b) !== currentKeyId()).length;
    await load(def.key);
    n += stale + (before.apiKey ? 1 : 0);
  }
  return n;
}

async function lastSyncOf(key: ConnectorKey): Promise<ConnectorLastSync | null> {
  const last = await ConnectorLog.findOne({ connector: key }).sort({ at: -1, _id: -1 }).lean();
  return last ? { at: last.at.toISOString(), ok: last.ok, operation: last.operation, message: last.message } : null;
}

/** The connector as the admin page shows it: never a secret, only whether it is set and its end. */
export async function describeConnector(def: ConnectorDefinition): Promise<IntegrationDto> {
  const { doc } = await load(def.key);
  const env = envSettings(def);
  const fields = Object.entries(def.fields).map(([name, f]) => {
    const stored = f.secret ? doc?.secrets?.[name] : undefined;
    const plain = f.secret ? undefined : doc?.settings?.[name];
    const fromEnv = !stored && !plain && Boolean(env[name]);
    return {
      name,
      label: f.label,
      secret: Boolean(f.secret),
      required: f.required !== false,
      help: f.help,
      placeholder: f.placeholder,
      configured: Boolean(stored || plain || fromEnv),
      last4: stored ? stored.last4 : fromEnv && f.secret ? last4(env[name]!) : null,
      value: plain ?? null,
      ...(fromEnv ? { fromEnv: true } : {}),
    };
  });
  const configured = fields.filter((f) => f.required).every((f) => f.configured) && fields.some((f) => f.configured);
  const lastSync = await lastSyncOf(def.key);
  const oauth = def.auth.kind === 'oauth2' ? doc?.oauth : undefined;
  const status: ConnectorStatus = oauth?.error
    ? 'error'
    : !def.available || !configured
      ? 'not_connected'
      : lastSync && !lastSync.ok
        ? 'error'
        : 'connected';
  return {
    key: def.key,
    label: def.label,
    category: def.category,
    description: def.description,
    auth: def.auth.kind,
    syncs: def.syncs,
    docsUrl: def.docsUrl,
    available: def.available,
    testable: Boolean(def.test),
    status,
    fields,
    configured,
    last4: fields.find((f) => f.secret && f.configured)?.last4 ?? null,
    updatedAt: doc?.updatedAt ? new Date(doc.updatedAt).toISOString() : null,
    updatedBy: doc?.updatedByName ?? null,
    lastSync,
    ...(def.webhookPath ? { webhookPath: def.webhookPath } : {}),
    ...(def.auth.kind === 'oauth2'
      ? {
          authorised: Boolean(oauth?.accessToken),
          expiresAt: oauth?.accessToken && oauth.expiresAt ? new Date(oauth.expiresAt).toISOString() : null,
          refreshable: Boolean(oauth?.accessToken && oauth.refreshToken),
          statusMessage: oauth?.error ?? null,
        }
      : {}),
  };
}
