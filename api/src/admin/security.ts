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
import { parse } from '../http/validate.js';

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

  router.get('/', requirePermission('admin', 'read', 'SecuritySetting'), async (_req, res) => {
    res.json(await describe(config));
  });

  router.put('/', requirePermission('admin', 'update', 'SecuritySetting'), async (req, res) => {
    const { idleMinutes } = parse(securitySettingsSchema, req.body);
    const me = req.auth!.user;
    const from = await setIdleLimitMinutes(idleMinutes, { id: me._id, name: `${me.firstName} ${me.lastName}` });
    await audit(req, 'security.update', {
      subject: 'SecuritySetting',
      details: { setting: 'idleMinutes', from, to: idleMinutes },
    });
    res.json(await describe(config));
  });

  return router;
}
