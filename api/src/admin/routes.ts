import { Router } from 'express';
import { z } from 'zod';
import { AuditLog, AUDIT_ACTIONS } from '../audit/audit.js';
import { requirePermission } from '../authz/index.js';
import {
  escapeRegex,
  pagingFields,
  type AuditEntryDto,
  type OutboxMessageDto,
  type Paginated,
} from '../contracts/index.js';
import { routeTable } from '../http/route.js';
import { OUTBOX_CHANNELS, OutboxMessage } from '../outbox/outbox.js';

const auditQuerySchema = z
  .object({ ...pagingFields(), action: z.enum(AUDIT_ACTIONS).optional(), q: z.string().trim().max(100).optional() })
  .strict();
const outboxQuerySchema = z
  .object({ ...pagingFields(), channel: z.enum(OUTBOX_CHANNELS).optional(), q: z.string().trim().max(100).optional() })
  .strict();

/** Administration: the audit log and, in demo mode, the outbox of messages not sent. */
export function adminRouter(): Router {
  const router = Router();
  const r = routeTable(router);

  r.get('/audit', {
    access: requirePermission('admin', 'read', 'AuditLog'),
    query: auditQuerySchema,
    handler: async ({ query: q }): Promise<Paginated<AuditEntryDto>> => {
      const filter: Record<string, unknown> = {};
      if (q.action) filter.action = q.action;
      if (q.q) filter.actorEmail = { $regex: escapeRegex(q.q.toLowerCase()) };
      const [items, total] = await Promise.all([
        AuditLog.find(filter)
          .sort({ at: -1, _id: -1 })
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .lean(),
        AuditLog.countDocuments(filter),
      ]);
      return {
        items: items.map((a) => ({
          id: String(a._id),
          at: a.at.toISOString(),
          action: a.action,
          actorEmail: a.actorEmail ?? undefined,
          subject: a.subject ?? undefined,
          subjectId: a.subjectId ?? undefined,
          ip: a.ip ?? undefined,
          details: (a.details as Record<string, unknown>) ?? undefined,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  });

  r.get('/outbox', {
    access: requirePermission('admin', 'read', 'Outbox'),
    query: outboxQuerySchema,
    handler: async ({ query: q }): Promise<Paginated<OutboxMessageDto>> => {
      // Messages not sent only: the e-mails sent to contacts are kept in the same collection for their history.
      const filter: Record<string, unknown> = { status: { $ne: 'sent' } };
      if (q.channel) filter.channel = q.channel;
      if (q.q) filter.to = { $regex: escapeRegex(q.q.toLowerCase()) };
      const [items, total] = await Promise.all([
        OutboxMessage.find(filter)
          .sort({ createdAt: -1, _id: -1 })
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .lean(),
        OutboxMessage.countDocuments(filter),
      ]);
      return {
        items: items.map((m) => ({
          id: String(m._id),
          channel: m.channel,
          provider: m.provider,
          to: m.to ?? [],
          subject: m.subject ?? undefined,
          body: m.body ?? undefined,
          createdAt: (m as unknown as { createdAt: Date }).createdAt.toISOString(),
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  });

  return router;
}
