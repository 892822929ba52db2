/** The caller's own notifications: list with the unread count, mark one or all as read. */
import { Router } from 'express';
import { z } from 'zod';
import { requireAuth } from '../authz/index.js';
import { notificationListQuerySchema, type NotificationList } from '../contracts/index.js';
import { notFound } from '../http/errors.js';
import { idParam, parse } from '../http/validate.js';
import { Notification, toNotificationDto } from './notification.model.js';

const emptyBody = z.object({}).strict();

export function notificationsRouter(): Router {
  const router = Router();

  router.get('/', requireAuth, async (req, res) => {
    const q = parse(notificationListQuerySchema, req.query);
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
    const body: NotificationList = { items: items.map(toNotificationDto), total, page: q.page, pageSize: q.pageSize, unread };
    res.json(body);
  });

  router.post('/read-all', requireAuth, async (req, res) => {
    parse(emptyBody, req.body);
    const result = await Notification.updateMany({ userId: req.auth!.user._id, readAt: null }, { $set: { readAt: new Date() } });
    res.json({ ok: true, updated: result.modifiedCount });
  });

  router.post('/:id/read', requireAuth, async (req, res) => {
    const id = idParam(req);
    parse(emptyBody, req.body);
    // Another member's notification is simply not found.
    const n = await Notification.findOne({ _id: id, userId: req.auth!.user._id });
    if (!n) throw notFound();
    if (!n.readAt) {
      n.readAt = new Date();
      await n.save();
    }
    res.json(toNotificationDto(n));
  });

  return router;
}
