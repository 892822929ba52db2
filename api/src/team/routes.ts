import { Router } from 'express';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import { requireAuth, requirePermission } from '../authz/index.js';
import {
  accentInsensitivePattern,
  userListQuerySchema,
  userUpdateSchema,
  type Paginated,
  type UserDto,
} from '../contracts/index.js';
import { HttpError, notFound } from '../http/errors.js';
import { idParams, routeTable } from '../http/route.js';
import { revokeSessionsOf } from '../auth/sessions.js';
import { toUserDto, toUserSummary, User } from './user.model.js';

/** The directory reads `role` when it names a role, and ignores anything else it is sent. */
const directoryQuerySchema = z.looseObject({ role: z.unknown().optional() });

export function teamRouter(): Router {
  const router = Router();
  const r = routeTable(router);

  /** Names of active colleagues (assignee pickers, names on records): summaries only. */
  r.get('/directory', {
    access: requireAuth,
    query: directoryQuerySchema,
    handler: async ({ query }) => {
      const role = typeof query.role === 'string' ? query.role : undefined;
      const filter: Record<string, unknown> = { status: 'active' };
      if (role && ['admin', 'sales', 'marketing', 'account_manager'].includes(role)) filter.role = role;
      const users = await User.find(filter).sort({ lastName: 1, firstName: 1 }).limit(500);
      return users.map((u) => ({ ...toUserSummary(u), role: u.role }));
    },
  });

  r.get('/members', {
    access: requirePermission('admin', 'read', 'User'),
    query: userListQuerySchema,
    handler: async ({ query: q }): Promise<Paginated<UserDto>> => {
      const filter: Record<string, unknown> = {};
      if (q.role) filter.role = q.role;
      if (q.status) filter.status = q.status;
      if (q.q) {
        const rx = { $regex: accentInsensitivePattern(q.q), $options: 'i' };
        filter.$or = [{ firstName: rx }, { lastName: rx }, { email: rx }];
      }
      const [items, total] = await Promise.all([
        User.find(filter)
          .sort({ lastName: 1 })
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize),
        User.countDocuments(filter),
      ]);
      return { items: items.map(toUserDto), total, page: q.page, pageSize: q.pageSize };
    },
  });

  r.patch('/members/:id', {
    access: requirePermission('admin', 'update', 'User'),
    params: idParams,
    body: userUpdateSchema,
    handler: async ({ req, params: { id }, body: input }) => {
      const user = await User.findById(id);
      if (!user) throw notFound();
      if (String(user._id) === String(req.auth!.user._id) && (input.role || input.status === 'inactive'))
        throw new HttpError(409, 'Vous ne pouvez pas changer votre propre rôle ni désactiver votre propre compte.');
      const before = { role: user.role, status: user.status };
      user.set(input);
      await user.save();
      if (input.role && input.role !== before.role) {
        await audit(req, 'user.role_change', {
          subject: 'User',
          subjectId: id,
          details: { from: before.role, to: input.role },
        });
        await revokeSessionsOf(id);
      }
      if (input.status && input.status !== before.status) {
        await audit(req, 'user.status_change', {
          subject: 'User',
          subjectId: id,
          details: { from: before.status, to: input.status },
        });
        if (input.status === 'inactive') await revokeSessionsOf(id);
      }
      return toUserDto(user);
    },
  });

  return router;
}
