/** In-app notifications of a member (activity reminders…), read from the portal header. */
import { pagingFields } from './validators.js';
import { z } from 'zod';
import type { Paginated } from './api.js';

export interface NotificationDto {
  id: string;
  title: string;
  body?: string;
  /** Portal path that shows what the notification is about (`/crm/activites?activite=<id>`). */
  link?: string;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationList extends Paginated<NotificationDto> {
  /** Unread notifications of the member, whatever the page and filter. */
  unread: number;
}

export const notificationListQuerySchema = z
  .object({
    ...pagingFields(),
    /** `true`: unread ones only. */
    unread: z.enum(['true', 'false']).optional(),
  })
  .strict();
