/**
 * Administration → Sécurité: the idle limit of sessions, set by administrators, and the absolute
 * lifetime the server is configured with (SESSION_ABSOLUTE_HOURS, read-only here).
 */
import { Router } from 'express';
import { audit } from '../audit/audit.js';
import { readSecuritySettings, setIdleLimitMinutes } from '../auth/security-settings.js';
import { requirePermission } from '../authz/index.js';
import type { Config } from '../config.js';
import { securitySettingsSchema, type SecuritySettingsDto } from '../contracts/index.js';
import { routeTable } from '../http/route.js';

async function describe(config: Config): Promise<SecuritySettingsDto> {
  const s = await readSecuritySettings();
  return {
    idleMinutes: s.idleMinutes,
    absoluteHours: config.SESSION_ABSOLUTE_HOURS,
    updatedAt: s.updatedAt?.toISOString() ?? null,
    updatedBy: s.updatedByName,
  };
}

export function securityRouter(config: Config): Router {
  const router = Router();
  const r = routeTable(router);

  r.get('/', {
    access: requirePermission('admin', 'read', 'SecuritySetting'),
    handler: () => describe(config),
  });

  r.put('/', {
    access: requirePermission('admin', 'update', 'SecuritySetting'),
    body: securitySettingsSchema,
    handler: async ({ req, body: { idleMinutes } }) => {
      const me = req.auth!.user;
      const from = await setIdleLimitMinutes(idleMinutes, { id: me._id, name: `${me.firstName} ${me.lastName}` });
      await audit(req, 'security.update', {
        subject: 'SecuritySetting',
        details: { setting: 'idleMinutes', from, to: idleMinutes },
      });
      return describe(config);
    },
  });

  return router;
}
