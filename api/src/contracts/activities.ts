/** CRM → Activités: calls, e-mails, meetings and video calls of the sales team. */
import { z } from 'zod';
import type { UserSummary } from './users.js';
import { objectIdField, optionalText, requiredText, pagingFields } from './validators.js';

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'video'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  call: 'Appel',
  email: 'Email',
  meeting: 'Réunion',
  video: 'Visio',
};

export const ACTIVITY_PRIORITIES = ['high', 'medium', 'low'] as const;
export type ActivityPriority = (typeof ACTIVITY_PRIORITIES)[number];
export const ACTIVITY_PRIORITY_LABELS: Record<ActivityPriority, string> = {
  high: 'Haute',
  medium: 'Moyenne',
  low: 'Basse',
};

export const ACTIVITY_STATUSES = ['planned', 'completed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  planned: 'Planifiée',
  completed: 'Complétée',
  cancelled: 'Annulée',
};

/** Where an activity comes from: typed by a member, or logged from an Aircall call. */
export const ACTIVITY_SOURCES = ['manual', 'aircall'] as const;
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export const CALL_DIRECTION_LABELS: Record<CallDirection, string> = {
  inbound: 'Entrant',
  outbound: 'Sortant',
};

/** Reminder choices of the form, in minutes before the due date. */
export const ACTIVITY_REMINDER_CHOICES = [5, 15, 30, 60, 120, 1440, 2880] as const;
/** Longest duration of an activity, in minutes (a full day). */
export const ACTIVITY_MAX_DURATION = 24 * 60;
/** Longest reminder, in minutes before the due date (one week). */
export const ACTIVITY_MAX_REMINDER = 7 * 24 * 60;
/** Longest range of the calendar feed, in days (a month view shows six weeks). */
export const ACTIVITY_CALENDAR_MAX_DAYS = 62;

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** An instant with its offset (`2026-10-14T10:30:00+02:00` or `…Z`). */
export const dateTimeField = z.iso.datetime({ offset: true, message: 'Date et heure invalides (format ISO 8601 attendu).' });

const durationField = z
  .number({ message: 'La durée doit être un nombre de minutes.' })
  .int({ message: 'La durée doit être un nombre entier de minutes.' })
  .min(0, { message: 'La durée ne peut pas être négative.' })
  .max(ACTIVITY_MAX_DURATION, { message: 'La durée ne peut pas dépasser 24 heures.' });

const reminderField = z
  .number({ message: 'Le rappel doit être un nombre de minutes.' })
  .int({ message: 'Le rappel doit être un nombre entier de minutes.' })
  .min(0, { message: 'Le rappel ne peut pas être négatif.' })
  .max(ACTIVITY_MAX_REMINDER, { message: 'Le rappel ne peut pas dépasser une semaine avant l’échéance.' });

/** Fields a person types in the activity form. `null` clears an optional field on update. */
const activityFields = {
  type: z.enum(ACTIVITY_TYPES, { message: 'Type inconnu (Appel, Email, Réunion ou Visio).' }),
  subject: requiredText(200, "L'objet"),
  priority: z.enum(ACTIVITY_PRIORITIES, { message: 'Priorité inconnue (Haute, Moyenne ou Basse).' }),
  status: z.enum(ACTIVITY_STATUSES, { message: 'Statut inconnu (Planifiée, Complétée ou Annulée).' }),
  dueAt: z.string({ message: "La date d'échéance est obligatoire." }).pipe(dateTimeField),
  durationMinutes: durationField.nullable().optional(),
  notes: optionalText(5000),
  contactId: optional(objectIdField.nullable()),
  companyId: optional(objectIdField.nullable()),
  dealId: optional(objectIdField.nullable()),
  reminderMinutes: reminderField.nullable().optional(),
};

export const activityCreateSchema = z
  .object({
    ...activityFields,
    priority: activityFields.priority.default('medium'),
    status: activityFields.status.default('planned'),
    /** Only members allowed to assign (admins) may set it; others own what they create. */
    owner: objectIdField.optional(),
  })
  .strict();
export type ActivityCreateInput = z.input<typeof activityCreateSchema>;

export const activityUpdateSchema = z
  .object({ ...activityFields, owner: objectIdField })
  .partial()
  .strict();
export type ActivityUpdateInput = z.input<typeof activityUpdateSchema>;

/** Body of the complete / cancel shortcuts: nothing. */
export const activityShortcutSchema = z.object({}).strict();

export const ACTIVITY_SORTS = ['dueAt', '-dueAt'] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];

/** Filters shared by the list and the calendar feed. */
const activityFilterFields = {
  type: z.enum(ACTIVITY_TYPES).optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  priority: z.enum(ACTIVITY_PRIORITIES).optional(),
  /** A member id (admins; a sales rep only ever sees his own). */
  owner: objectIdField.optional(),
  contactId: objectIdField.optional(),
  dealId: objectIdField.optional(),
};

export const activityListQuerySchema = z
  .object({
    ...pagingFields(),
    q: z.string().trim().max(100).optional(),
    ...activityFilterFields,
    /** Due on or after this instant. */
    from: dateTimeField.optional(),
    /** Due before this instant. */
    to: dateTimeField.optional(),
    sort: z.enum(ACTIVITY_SORTS).default('-dueAt'),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'La date de fin doit suivre la date de début.',
    path: ['to'],
  });
export type ActivityListQuery = z.input<typeof activityListQuerySchema>;

export const activityCalendarQuerySchema = z
  .object({
    from: dateTimeField,
    to: dateTimeField,
    ...activityFilterFields,
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    message: 'La date de fin doit suivre la date de début.',
    path: ['to'],
  })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= ACTIVITY_CALENDAR_MAX_DAYS * 86_400_000, {
    message: `La période du calendrier ne peut pas dépasser ${ACTIVITY_CALENDAR_MAX_DAYS} jours.`,
    path: ['to'],
  });
export type ActivityCalendarQuery = z.input<typeof activityCalendarQuerySchema>;

/** A record an activity is linked to, with the name it had when it was linked. */
export interface LinkedRecord {
  id: string;
  name: string;
}

export interface AircallCallInfo {
  callId: string;
  direction: CallDirection;
  /** The other party's number (E.164). */
  phone?: string;
  recordingUrl?: string;
  durationSeconds?: number;
  /** The call was not answered. */
  missed?: boolean;
}

export interface ActivityDto {
  id: string;
  type: ActivityType;
  subject: string;
  priority: ActivityPriority;
  status: ActivityStatus;
  dueAt: string;
  durationMinutes?: number;
  notes?: string;
  contact: LinkedRecord | null;
  company: LinkedRecord | null;
  deal: LinkedRecord | null;
  owner: UserSummary | null;
  reminderMinutes?: number;
  remindedAt?: string;
  source: ActivitySource;
  aircall?: AircallCallInfo;
  completedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** What the calendar draws for an activity (light payload). */
export interface ActivityCalendarItem {
  id: string;
  type: ActivityType;
  subject: string;
  priority: ActivityPriority;
  status: ActivityStatus;
  dueAt: string;
  durationMinutes?: number;
  contactName?: string;
  ownerId: string;
}

export interface ActivityCalendarResponse {
  items: ActivityCalendarItem[];
  /** More activities than the feed returns fall in the range: narrow the filters. */
  truncated: boolean;
}
