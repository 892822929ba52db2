/**
 * OAuth 2.0 authorization code flow (RFC 6749 §4.1) of every connector declared with
 * `auth: { kind: 'oauth2' }`, in one place:
 *
 * - `beginAuthorization`: the provider's authorize URL with the client id of the connector's settings,
 *   a random `state` and, when the connector declares `pkce`, an S256 code challenge (RFC 7636). The
 *   caller keeps the state, the verifier and the redirect URI in the admin's session (10 minutes).
 * - `completeAuthorization`: exchanges the code at the token endpoint (form-encoded, through
 *   connectorFetch: timeout, retries, sync log), with the client authentication the connector declares
 *   (`client_secret_post` by default, or `client_secret_basic`), and stores the tokens encrypted.
 * - `connectorAccessToken`: a valid access token for the connector's syncs, renewed with the refresh
 *   token when it ends within 60 s. Concurrent callers of one API process share one renewal (a promise
 *   per connector); several API instances may each renew once, which providers that do not rotate the
 *   refresh token accept (those that rotate it may then refuse the second one: invalid_grant).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ConnectorKey } from '../contracts/index.js';
import { clock } from '../clock.js';
import { ConnectorHttpError, connectorFetch } from './http.js';
import { connector, connectorOAuthUrls, type ConnectorDefinition } from './registry.js';
import { connectorSettings, loadOAuthTokens, markOAuthError, saveOAuthTokens, type OAuthTokens } from './store.js';

/** How long an authorization may take between "start" and the provider's redirect back. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;
/** An access token that ends within this delay is renewed first. */
export const OAUTH_REFRESH_MARGIN_MS = 60 * 1000;
export const OAUTH_EXPIRED_MESSAGE = 'Autorisation expirée : reconnectez le connecteur.';

/** The OAuth flow cannot go on; `reason` is the short code put in the page's URL, the message is French. */
export class OAuthError extends Error {
  override name = 'OAuthError';
  constructor(
    public reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the session keeps of an authorization in progress, under its state. */
export interface PendingAuthorization {
  key: ConnectorKey;
  redirectUri: string;
  verifier?: string;
  expiresAt: number;
}

const base64url = (buf: Buffer) => buf.toString('base64url');

function oauthOf(def: ConnectorDefinition) {
  if (def.auth.kind !== 'oauth2')
    throw new OAuthError('non_oauth', `Le connecteur ${def.label} ne se connecte pas par OAuth 2.0.`);
  return { ...def.auth, ...connectorOAuthUrls(def) };
}

async function clientOf(def: ConnectorDefinition): Promise<{ id: string; secret: string }> {
  const settings = await connectorSettings(def.key);
  const id = settings.clientId;
  const secret = settings.clientSecret;
  if (!id || !secret)
    throw new OAuthError(
      'client_manquant',
      `Enregistrez d'abord l'identifiant et le secret client OAuth de ${def.label}.`,
    );
  return { id, secret };
}

/** The authorize URL of a connector, and what to keep in the session until the provider comes back. */
export async function beginAuthorization(
  key: ConnectorKey,
  redirectUri: string,
): Promise<{ url: string; state: string; pending: PendingAuthorization }> {
  const def = connector(key);
  const auth = oauthOf(def);
  const client = await clientOf(def);
  const state = base64url(randomBytes(32));
  const url = new URL(auth.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.id);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', auth.scopes.join(' '));
  url.searchParams.set('state', state);
  let verifier: string | undefined;
  if (auth.pkce) {
    verifier = base64url(randomBytes(48)); // 64 characters, within RFC 7636's 43–128
    url.searchParams.set('code_challenge', base64url(createHash('sha256').update(verifier).digest()));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [k, v] of Object.entries(auth.authorizeParams ?? {})) url.searchParams.set(k, v);
  return {
    url: url.toString(),
    state,
    pending: { key, redirectUri, verifier, expiresAt: clock.now() + OAUTH_STATE_TTL_MS },
  };
}

interface TokenAnswer {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  scope?: unknown;
  error?: unknown;
}

/** One call to the token endpoint; the parsed tokens, or an OAuthError (`refused` for invalid_grant). */
async function tokenRequest(
  def: ConnectorDefinition,
  operation: string,
  params: Record<string, string>,
): Promise<OAuthTokens> {
  const auth = oauthOf(def);
  const client = await clientOf(def);
  const form = new URLSearchParams(params);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (auth.clientAuth === 'client_secret_basic') {
    // RFC 6749 §2.3.1: both parts form-urlencoded before the Basic encoding.
    const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
    headers.Authorization = `Basic ${Buffer.from(`${enc(client.id)}:${enc(client.secret)}`).toString('base64')}`;
  } else {
    form.set('client_id', client.id);
    form.set('client_secret', client.secret);
  }
  let res;
  try {
    res = await connectorFetch(def.key, {
      operation,
      method: 'POST',
      url: auth.tokenUrl,
      headers,
      body: form.toString(),
    });
  } catch (err) {
    if (err instanceof ConnectorHttpError)
      throw new OAuthError('service_injoignable', `${def.label} ne répond pas : réessayez dans quelques minutes.`);
    throw err;
  }
  let body: TokenAnswer = {};
  try {
    body = res.json<TokenAnswer>();
  } catch {
    // not JSON: handled below by the missing access token
  }
  if (!res.ok || typeof body.access_token !== 'string' || !body.access_token) {
    const refused = (res.status === 400 || res.status === 401) && body.error === 'invalid_grant';
    throw new OAuthError(
      refused ? 'refus' : 'echange_refuse',
      refused ? OAUTH_EXPIRED_MESSAGE : `${def.label} refuse l'échange du code (erreur ${res.status}).`,
    );
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : undefined,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? clock.now() + expiresIn * 1000 : null,
    scope: typeof body.scope === 'string' ? body.scope : undefined,
  };
}

/** Exchanges the authorization code and stores the tokens (encrypted); returns what was granted. */
export async function completeAuthorization(
  pending: PendingAuthorization,
  code: string,
  by: { id: unknown; name: string },
): Promise<{ expiresAt: number | null; refreshable: boolean; scope?: string }> {
  const def = connector(pending.key);
  const params: Record<string, string> = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
  };
  if (pending.verifier) params.code_verifier = pending.verifier;
  const tokens = await tokenRequest(def, 'Autorisation OAuth', params);
  await saveOAuthTokens(def.key, tokens, by);
  inflight.delete(def.key);
  return { expiresAt: tokens.expiresAt, refreshable: Boolean(tokens.refreshToken), scope: tokens.scope };
}

/** Renewals in progress, one per connector: concurrent callers of this process share it. */
const inflight = new Map<ConnectorKey, Promise<string>>();

const fresh = (t: OAuthTokens) => t.expiresAt === null || t.expiresAt - clock.now() > OAUTH_REFRESH_MARGIN_MS;

async function refresh(key: ConnectorKey): Promise<string> {
  const def = connector(key);
  // Read again: another caller may have renewed it while this one was waiting.
  const tokens = await loadOAuthTokens(key);
  if (!tokens) throw new OAuthError('non_autorise', `${def.label} n'est pas autorisé : connectez-le.`);
  if (fresh(tokens)) return tokens.accessToken;
  if (!tokens.refreshToken) {
    await markOAuthError(key, OAUTH_EXPIRED_MESSAGE);
    throw new OAuthError('refus', OAUTH_EXPIRED_MESSAGE);
  }
  try {
    const renewed = await tokenRequest(def, 'Renouvellement du jeton OAuth', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
    });
    await saveOAuthTokens(key, renewed);
    return renewed.accessToken;
  } catch (err) {
    if (err instanceof OAuthError && err.reason === 'refus') await markOAuthError(key, OAUTH_EXPIRED_MESSAGE);
    throw err;
  }
}

/**
 * A valid access token of a connector, for its syncs: the stored one, or a renewed one when it ends
 * within 60 s. Throws an OAuthError (French message) when the connector is not authorised or when the
 * provider refuses the renewal — the connector is then in error until an admin reconnects it.
 */
export async function connectorAccessToken(key: ConnectorKey): Promise<string> {
  const pending = inflight.get(key);
  if (pending) return pending;
  const tokens = await loadOAuthTokens(key);
  if (!tokens) throw new OAuthError('non_autorise', `${connector(key).label} n'est pas autorisé : connectez-le.`);
  if (fresh(tokens)) return tokens.accessToken;
  let renewal = inflight.get(key);
  if (!renewal) {
    renewal = refresh(key).finally(() => inflight.delete(key));
    inflight.set(key, renewal);
  }
  return renewal;
}

/** Forgets a renewal in progress (the connector has been disconnected). */
export function forgetOAuth(key: ConnectorKey): void {
  inflight.delete(key);
}
