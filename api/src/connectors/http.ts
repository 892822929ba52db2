/**
 * The one HTTP client of the connectors: every call to a third party goes through `connectorFetch`
 * (Node's fetch, undici). Per attempt: a timeout; on 429 and 5xx (and a refused connection) another
 * attempt after an exponential backoff (base × 2^n, ±20 % jitter), or after the server's Retry-After
 * (seconds or HTTP date, capped) when it sends one; at most `maxAttempts` attempts. Every attempt is
 * a line of the sync log. The last answer is returned whatever its status: the connector turns it
 * into its own French error. A timeout or an unreachable server throws a ConnectorHttpError.
 */
import { logSync } from './sync-log.js';

export interface ConnectorHttpSettings {
  timeoutMs: number;
  maxAttempts: number;
  /** First backoff delay; doubled at each attempt. */
  retryBaseMs: number;
  /** Longest wait honoured for a Retry-After (and for the backoff). */
  maxDelayMs: number;
}

let defaults: ConnectorHttpSettings = { timeoutMs: 10_000, maxAttempts: 3, retryBaseMs: 500, maxDelayMs: 30_000 };

/** Sets the defaults (config: CONNECTOR_TIMEOUT_MS, CONNECTOR_MAX_ATTEMPTS, CONNECTOR_RETRY_BASE_MS). */
export function configureConnectorHttp(settings: Partial<ConnectorHttpSettings>): void {
  defaults = { ...defaults, ...settings };
}
export const connectorHttpSettings = (): ConnectorHttpSettings => ({ ...defaults });

export interface ConnectorRequest extends Partial<ConnectorHttpSettings> {
  /** What the call does, in French, for the sync log ("Fiche entreprise", "Test de connexion"). */
  operation: string;
  url: string | URL;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Statuses that are a normal answer although not 2xx (Pappers' 404 for an unknown SIREN). */
  expectedStatuses?: number[];
}

export interface ConnectorResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  text: string;
  attempts: number;
  /** The body as JSON; throws when it is not JSON. */
  json<T = unknown>(): T;
}

export class ConnectorHttpError extends Error {
  override name = 'ConnectorHttpError';
  constructor(
    public kind: 'timeout' | 'unreachable',
    message: string,
    public attempts: number,
  ) {
    super(message);
  }
}

const RETRYABLE = (status: number) => status === 429 || (status >= 500 && status !== 501);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retry-After in milliseconds (delta-seconds or HTTP date), or undefined. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function backoffMs(attempt: number, s: ConnectorHttpSettings): number {
  const base = s.retryBaseMs * 2 ** (attempt - 1);
  return Math.min(s.maxDelayMs, Math.round(base * (0.8 + Math.random() * 0.4)));
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

export async function connectorFetch(connector: string, req: ConnectorRequest): Promise<ConnectorResponse> {
  const s: ConnectorHttpSettings = {
    timeoutMs: req.timeoutMs ?? defaults.timeoutMs,
    maxAttempts: req.maxAttempts ?? defaults.maxAttempts,
    retryBaseMs: req.retryBaseMs ?? defaults.retryBaseMs,
    maxDelayMs: req.maxDelayMs ?? defaults.maxDelayMs,
  };
  const body = req.body === undefined || typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  if (body !== undefined && typeof req.body !== 'string') headers['Content-Type'] ??= 'application/json';
  const log = (attempt: number, ok: boolean, status: number | null, durationMs: number, message: string) =>
    logSync({ connector, operation: req.operation, ok, status, durationMs, attempt, message });

  for (let attempt = 1; ; attempt++) {
    const last = attempt >= s.maxAttempts;
    const started = Date.now();
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: req.method ?? 'GET',
        headers,
        body,
        signal: AbortSignal.timeout(s.timeoutMs),
      });
    } catch (err) {
      const duration = Date.now() - started;
      const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      if (timeout) {
        // A server that does not answer is not asked again at once: the caller decides.
        await log(attempt, false, null, duration, `Pas de réponse en ${seconds(s.timeoutMs)} : délai dépassé.`);
        throw new ConnectorHttpError('timeout', `no answer within ${s.timeoutMs} ms`, attempt);
      }
      if (last) {
        await log(attempt, false, null, duration, 'Service injoignable (connexion impossible).');
        throw new ConnectorHttpError('unreachable', 'service unreachable', attempt);
      }
      const wait = backoffMs(attempt, s);
      await log(attempt, false, null, duration, `Service injoignable : nouvelle tentative dans ${seconds(wait)}.`);
      await sleep(wait);
      continue;
    }
    const text = await res.text().catch(() => '');
    const duration = Date.now() - started;
    const expected = res.ok || (req.expectedStatuses ?? []).includes(res.status);
    if (!RETRYABLE(res.status) || last) {
      const message = expected
        ? `Réponse ${res.status} en ${seconds(duration)}.`
        : RETRYABLE(res.status)
          ? `Erreur ${res.status} : abandon après ${attempt} tentative${attempt > 1 ? 's' : ''}.`
          : `Erreur ${res.status} renvoyée par le service.`;
      await log(attempt, expected, res.status, duration, message);
      return {
        status: res.status,
        ok: res.ok,
        headers: res.headers,
        text,
        attempts: attempt,
        json: <T>() => JSON.parse(text) as T,
      };
    }
    const after = retryAfterMs(res.headers.get('retry-after'));
    const wait = after !== undefined ? Math.min(after, s.maxDelayMs) : backoffMs(attempt, s);
    await log(
      attempt,
      false,
      res.status,
      duration,
      `Erreur ${res.status}${res.status === 429 ? ' (trop de requêtes)' : ''} : nouvelle tentative dans ${seconds(wait)}.`,
    );
    await sleep(wait);
  }
}
