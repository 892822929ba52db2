import { z } from 'zod';
import { COMPANIES, ROLES, type CompanyKey, type Role } from './roles.js';
import { objectIdField, pagingFields } from './validators.js';

export const USER_STATUSES = ['active', 'inactive'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** What any colleague may know of a member (names on records, assignment pickers). */
export interface UserSummary {
  id: string;
  firstName: string;
  lastName: string;
  avatarUrl?: string;
}

export interface UserDto extends UserSummary {
  email: string;
  role: Role;
  team?: string;
  managerId?: string | null;
  company: CompanyKey;
  status: UserStatus;
  startDate?: string;
  createdAt: string;
}

export const userUpdateSchema = z
  .object({
    role: z.enum(ROLES),
    status: z.enum(USER_STATUSES),
    team: z.string().trim().max(80),
    managerId: objectIdField.nullable(),
    company: z.enum(COMPANIES),
  })
  .partial()
  .strict();

export const userListQuerySchema = z
  .object({
    ...pagingFields(),
    q: z.string().trim().max(100).optional(),
    role: z.enum(ROLES).optional(),
    status: z.enum(USER_STATUSES).optional(),
  })
  .strict();

/** A member's notification choices (Paramètres → Notifications). In-app notifications always show. */
export const notificationPreferencesSchema = z
  .object({
    /** Activity reminders also by e-mail. */
    reminderEmail: z.boolean({ message: 'Choisissez oui ou non.' }),
  })
  .strict();
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** Shortest password a member may choose. */
export const PASSWORD_MIN_LENGTH = 10;

/** A member changes his own password (Paramètres): the current one proves it is him. */
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ message: 'Saisissez votre mot de passe actuel.' }).min(1, { message: 'Saisissez votre mot de passe actuel.' }).max(200),
    newPassword: z
      .string({ message: 'Saisissez le nouveau mot de passe.' })
      .min(PASSWORD_MIN_LENGTH, { message: `Le nouveau mot de passe doit comporter au moins ${PASSWORD_MIN_LENGTH} caractères.` })
      .max(200, { message: 'Le nouveau mot de passe : 200 caractères au maximum.' }),
  })
  .strict()
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: 'Le nouveau mot de passe doit être différent de l’actuel.',
  });
export type PasswordChange = z.infer<typeof passwordChangeSchema>;
