/** Administration → Sécurité: how long a signed-in member may stay inactive before signing in again. */
import { z } from 'zod';

export const IDLE_MINUTES_MIN = 15;
export const IDLE_MINUTES_MAX = 12 * 60;
export const IDLE_MINUTES_DEFAULT = 10 * 60;

export const securitySettingsSchema = z
  .object({
    idleMinutes: z
      .number({ message: "La durée d'inactivité est obligatoire, en minutes." })
      .int({ message: "La durée d'inactivité est un nombre entier de minutes." })
      .min(IDLE_MINUTES_MIN, { message: `La durée d'inactivité est d'au moins ${IDLE_MINUTES_MIN} minutes.` })
      .max(IDLE_MINUTES_MAX, {
        message: `La durée d'inactivité est de 12 heures (${IDLE_MINUTES_MAX} minutes) au plus.`,
      }),
  })
  .strict();
export type SecuritySettingsInput = z.input<typeof securitySettingsSchema>;

export interface SecuritySettingsDto {
  /** Minutes without any request after which a member must sign in again. */
  idleMinutes: number;
  /** Absolute lifetime of a session from sign-in, in hours: server configuration (SESSION_ABSOLUTE_HOURS). */
  absoluteHours: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * Header (value "1") of requests the front ends make on their own, such as the notification bell's
 * periodic refresh: they are served, but do not count as activity for the idle limit.
 */
export const BACKGROUND_REQUEST_HEADER = 'X-Background-Request';
