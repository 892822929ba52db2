/** The caller's own notifications: list with the unread count, mark one or all as read. */
import { Router } from 'express';
import { z } from 'zod';
import { requireAuth } from '../authz/index.js';
import { notificationListQuerySchema, type NotificationList } from '../contracts/index.js';
import { notFound } from '../http/errors.js';
import { idParams, routeTable } from '../http/route.js';
import { Notification, toNotificationDto } from './notification.model.js';

const emptyBody = z.object({}).strict();

export function notificationsRouter(): Router {
  const router = Router();
  const r = routeTable(router);

  r.get('/', {
    access: requireAuth,
    query: notificationListQuerySchema,
    handler: async ({ req, query: q }): Promise<NotificationList> => {
      const userId = req.auth!.user._id;
      const filter: Record<string, unknown> = { userId };
      if (q.unread === 'true') filter.readAt = null;
      const [items, total, unread] = await Promise.all([
        Notification.find(filter)
          .sort({ createdAt: -1, _id: -1 })
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .lean(),
        Notification.countDocuments(filter),
        Notification.countDocuments({ userId, readAt: null }),
      ]);
      return { items: items.map(toNotificationDto), total, page: q.page, pageSize: q.pageSize, unread };
    },
  });

  r.post('/read-all', {
    access: requireAuth,
    body: emptyBody,
    handler: async ({ req }) => {
      const result = await Notification.updateMany(
        { userId: req.auth!.user._id, readAt: null },
        { $set: { readAt: new Date() } },
      );
      return { ok: true, updated: result.modifiedCount };
    },
  });

  r.post('/:id/read', {
    access: requireAuth,
    params: idParams,
    body: emptyBody,
    handler: async ({ req, params }) => {
      // Another member's notification is simply not found.
      const n = await Notification.findOne({ _id: params.id, userId: req.auth!.user._id });
      if (!n) throw notFound();
      if (!n.readAt) {
        n.readAt = new Date();
        await n.save();
      }
      return toNotificationDto(n);
    },
  });

  return router;
}
