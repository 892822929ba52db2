/**
 * Administration → Intégrations: the connector registry (connectors/), grouped by category on the
 * page. Administrators configure a connector (its settings; secrets are encrypted and never sent
 * back, only their last 4 characters), disconnect it, test the connection and read its sync log.
 */
import { Router } from 'express';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import { requirePermission } from '../authz/index.js';
import {
  CONNECTOR_KEYS,
  connectorLogQuerySchema,
  type ConnectorLogDto,
  type ConnectorTestResult,
  type Paginated,
} from '../contracts/index.js';
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

export function integrationsRouter(): Router {
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
      if (await removeConnectorSettings(params.key))
        await audit(req, 'integration.update', {
          subject: 'Integration',
          subjectId: params.key,
          details: { change: 'disconnected' },
        });
      return describeConnector(connector(params.key));
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
