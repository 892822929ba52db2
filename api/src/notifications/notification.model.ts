/** In-app notifications of a member (activity reminders…). Each member reads only his own. */
import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import type { NotificationDto } from '../contracts/index.js';

const notificationSchema = new Schema({
  userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  title: { type: String, required: true },
  body: { type: String },
  /** Portal path that shows what the notification is about. */
  link: { type: String },
  readAt: { type: Date, default: null },
  createdAt: { type: Date, default: () => new Date() },
});
notificationSchema.index({ userId: 1, createdAt: -1 });
notificationSchema.index({ userId: 1, readAt: 1 });

export type NotificationAttrs = InferSchemaType<typeof notificationSchema>;
export type NotificationDoc = HydratedDocument<NotificationAttrs>;
export const Notification = mongoose.model('Notification', notificationSchema, 'notifications');

export function toNotificationDto(n: NotificationDoc | (NotificationAttrs & { _id: unknown })): NotificationDto {
  return {
    id: String(n._id),
    title: n.title,
    body: n.body ?? undefined,
    link: n.link ?? undefined,
    readAt: n.readAt ? n.readAt.toISOString() : null,
    createdAt: n.createdAt.toISOString(),
  };
}

/** Records a notification for a member. */
export async function notify(
  userId: string | mongoose.Types.ObjectId,
  n: { title: string; body?: string; link?: string },
): Promise<NotificationDoc> {
  return Notification.create({ userId, ...n });
}
