/**
 * Administration → Intégrations: the connector registry (connectors/), grouped by category on the
 * page. Administrators configure a connector (its settings; secrets are encrypted and never sent
 * back, only their last 4 characters), disconnect it, test the connection and read its sync log.
 * OAuth 2.0 connectors are authorised here too (connectors/oauth.ts): `oauth/start` answers the
 * provider's URL, the provider sends the admin back to `oauth/callback`, which stores the tokens and
 * redirects to the page with `?oauth=ok|error`.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import { requirePermission } from '../authz/index.js';
import { clock } from '../clock.js';
import type { Config } from '../config.js';
import {
  CONNECTOR_KEYS,
  connectorLogQuerySchema,
  type ConnectorLogDto,
  type ConnectorTestResult,
  type Paginated,
} from '../contracts/index.js';
import {
  OAuthError,
  beginAuthorization,
  completeAuthorization,
  forgetOAuth,
  type PendingAuthorization,
} from '../connectors/oauth.js';
import { ConnectorTestError, connector, connectors, contextOf } from '../connectors/registry.js';
import {
  connectorSettings,
  describeConnector,
  removeConnectorSettings,
  saveConnectorSettings,
} from '../connectors/store.js';
import { ConnectorLog, logSync } from '../connectors/sync-log.js';
import { HttpError } from '../http/errors.js';
import { routeTable } from '../http/route.js';

export { Integration, connectorSecret } from '../connectors/store.js';

const keyParams = z.object({ key: z.enum(CONNECTOR_KEYS) }).strict();
/** The settings of a connector: checked against that connector's own schema in the handler. */
const settingsBody = z.record(z.string().max(64), z.unknown(), { message: 'Réglages attendus.' });
/** What the provider sends back (RFC 6749 §4.1.2): other parameters (Google's `authuser`…) are ignored. */
const callbackQuery = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(200).optional(),
});

declare module 'express-session' {
  interface SessionData {
    /** OAuth authorizations in progress, by state (one use each, 10 minutes). */
    oauthStates?: Record<string, PendingAuthorization>;
  }
}

/** Authorizations an admin may have in progress at once (older ones are dropped). */
const MAX_PENDING_AUTHORIZATIONS = 5;

/** Where the provider sends the admin back: PUBLIC_URL, or the request's own origin outside production. */
function redirectUriOf(req: Request, config: Config | undefined, key: string): string {
  const origin =
    config?.PUBLIC_URL?.replace(/\/+$/, '') ??
    (config?.production ? undefined : `${req.protocol}://${req.get('host')}`);
  if (!origin)
    throw new HttpError(409, "PUBLIC_URL n'est pas configurée : l'autorisation OAuth ne peut pas revenir au portail.");
  return `${origin}/api/admin/integrations/${key}/oauth/callback`;
}

const pageUrl = (params: Record<string, string>) => `/admin/integrations?${new URLSearchParams(params).toString()}`;

export function integrationsRouter(config?: Config): Router {
  const router = Router();
  const r = routeTable(router);

  r.get('/', {
    access: requirePermission('admin', 'read', 'Integration'),
    handler: () => Promise.all(connectors().map(describeConnector)),
  });

  r.put('/:key', {
    access: requirePermission('admin', 'update', 'Integration'),
    params: keyParams,
    body: settingsBody,
    handler: async ({ req, params, body }) => {
      const me = req.auth!.user;
      const def = connector(params.key);
      const changed = await saveConnectorSettings(params.key, body, {
        id: me._id,
        name: `${me.firstName} ${me.lastName}`,
      });
      const dto = await describeConnector(def);
      await audit(req, 'integration.update', {
        subject: 'Integration',
        subjectId: params.key,
        details: {
          change: 'settings_set',
          fields: changed,
          last4: Object.fromEntries(
            dto.fields.filter((f) => f.secret && changed.includes(f.name)).map((f) => [f.name, f.last4]),
          ),
        },
      });
      return dto;
    },
  });

  r.delete('/:key', {
    access: requirePermission('admin', 'update', 'Integration'),
    params: keyParams,
    handler: async ({ req, params }) => {
      forgetOAuth(params.key);
      if (await removeConnectorSettings(params.key))
        await audit(req, 'integration.update', {
          subject: 'Integration',
          subjectId: params.key,
          details: { change: 'disconnected' },
        });
      return describeConnector(connector(params.key));
    },
  });

  r.get('/:key/oauth/start', {
    access: requirePermission('admin', 'update', 'Integration'),
    params: keyParams,
    handler: async ({ req, params }): Promise<{ url: string }> => {
      const def = connector(params.key);
      if (def.auth.kind !== 'oauth2')
        throw new HttpError(409, `Le connecteur ${def.label} ne se connecte pas par OAuth 2.0.`);
      let started;
      try {
        started = await beginAuthorization(params.key, redirectUriOf(req, config, params.key));
      } catch (err) {
        if (err instanceof OAuthError) throw new HttpError(409, err.message);
        throw err;
      }
      const now = clock.now();
      const kept = Object.entries(req.session.oauthStates ?? {})
        .filter(([, p]) => p.expiresAt > now)
        .slice(-(MAX_PENDING_AUTHORIZATIONS - 1));
      req.session.oauthStates = { ...Object.fromEntries(kept), [started.state]: started.pending };
      req.log.info({ connector: def.key }, 'oauth authorization started');
      return { url: started.url };
    },
  });

  r.get('/:key/oauth/callback', {
    access: requirePermission('admin', 'update', 'Integration'),
    params: keyParams,
    query: callbackQuery,
    handler: async ({ req, res, params, query }) => {
      const def = connector(params.key);
      // A bad state writes nothing (not even the sync log): it may not come from the provider at all.
      const fail = async (raison: string, message: string, log = false) => {
        if (log) await logSync({ connector: def.key, operation: 'Autorisation OAuth', ok: false, message });
        req.log.warn({ connector: def.key, raison }, 'oauth authorization refused');
        res.redirect(303, pageUrl({ oauth: 'error', raison, connecteur: def.key }));
      };
      const states = req.session.oauthStates ?? {};
      const pending = query.state ? states[query.state] : undefined;
      // One use: the state is gone whatever happens next, so a replayed callback is refused.
      if (query.state && pending) {
        delete states[query.state];
        req.session.oauthStates = states;
      }
      if (!query.state) return fail('etat_manquant', 'Retour d’autorisation sans paramètre state : refusé.');
      if (!pending || pending.key !== def.key)
        return fail('etat_inconnu', 'Retour d’autorisation avec un state inconnu ou déjà utilisé : refusé.');
      if (pending.expiresAt <= clock.now())
        return fail('etat_expire', 'Autorisation commencée il y a plus de 10 minutes : recommencez.');
      if (query.error)
        return fail('refus', `${def.label} n’a pas accordé l’autorisation (${query.error.slice(0, 60)}).`, true);
      if (!query.code) return fail('code_manquant', 'Retour d’autorisation sans code : refusé.');
      const me = req.auth!.user;
      let granted;
      try {
        granted = await completeAuthorization(pending, query.code, {
          id: me._id,
          name: `${me.firstName} ${me.lastName}`,
        });
      } catch (err) {
        if (err instanceof OAuthError)
          return fail(err.reason === 'refus' ? 'echange_refuse' : err.reason, err.message, true);
        throw err;
      }
      await logSync({
        connector: def.key,
        operation: 'Autorisation OAuth',
        ok: true,
        message: 'Connecteur autorisé par un administrateur.',
      });
      await audit(req, 'integration.update', {
        subject: 'Integration',
        subjectId: def.key,
        details: {
          change: 'oauth_authorised',
          refreshable: granted.refreshable,
          expiresAt: granted.expiresAt ? new Date(granted.expiresAt).toISOString() : null,
          ...(granted.scope ? { scope: granted.scope } : {}),
        },
      });
      res.redirect(303, pageUrl({ oauth: 'ok', connecteur: def.key }));
      return undefined;
    },
  });

  r.post('/:key/test', {
    access: requirePermission('admin', 'update', 'Integration'),
    params: keyParams,
    handler: async ({ req, params }): Promise<ConnectorTestResult> => {
      const def = connector(params.key);
      if (!def.available || !def.test)
        throw new HttpError(409, `Le connecteur ${def.label} n'est pas encore disponible : il ne peut pas être testé.`);
      const before = await describeConnector(def);
      if (!before.configured)
        throw new HttpError(409, `Renseignez d'abord les réglages de ${def.label} avant de tester la connexion.`);
      const started = Date.now();
      let ok = true;
      let message: string;
      try {
        message = await def.test(contextOf(def, await connectorSettings(params.key)));
      } catch (err) {
        if (!(err instanceof ConnectorTestError)) throw err;
        ok = false;
        message = err.message;
      }
      await logSync({
        connector: def.key,
        operation: 'Test de connexion',
        ok,
        durationMs: Date.now() - started,
        message,
      });
      req.log.info({ connector: def.key, ok }, 'connector tested');
      return { ok, message, integration: await describeConnector(def) };
    },
  });

  r.get('/:key/logs', {
    access: requirePermission('admin', 'read', 'Integration'),
    params: keyParams,
    query: connectorLogQuerySchema,
    handler: async ({ params, query }): Promise<Paginated<ConnectorLogDto>> => {
      const filter: Record<string, unknown> = { connector: params.key };
      if (query.result) filter.ok = query.result === 'ok';
      const [items, total] = await Promise.all([
        ConnectorLog.find(filter)
          .sort({ at: -1, _id: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean(),
        ConnectorLog.countDocuments(filter),
      ]);
      return {
        items: items.map((l) => ({
          id: String(l._id),
          at: l.at.toISOString(),
          operation: l.operation,
          ok: l.ok,
          status: l.status ?? null,
          durationMs: l.durationMs ?? 0,
          attempt: l.attempt ?? 1,
          message: l.message ?? '',
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  });

  return router;
}
