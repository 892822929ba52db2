/** Administration → Tâches de fond: the background jobs (Agenda) as the admin view shows them. */
import { z } from 'zod';

export const JOB_STATES = ['queued', 'running', 'failed', 'completed'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JOB_STATE_LABELS: Record<JobState, string> = {
  queued: 'En attente',
  running: 'En cours',
  failed: 'En échec',
  completed: 'Terminée',
};

export interface BackgroundJobDto {
  id: string;
  name: string;
  /** French label from the job's definition (its name when the definition is unknown). */
  label: string;
  state: JobState;
  summary: string;
  /** Failed attempts of the current sequence. */
  failCount: number;
  maxAttempts: number;
  /** Recurring jobs: their interval ("1 minute"). */
  repeatInterval: string | null;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastFinishedAt: string | null;
  failedAt: string | null;
  lastError: string | null;
}

export const jobsQuerySchema = z
  .object({
    page: z.coerce.number({ message: 'Page invalide.' }).int().min(1, { message: 'Page invalide.' }).default(1),
    pageSize: z.coerce
      .number({ message: 'Taille de page invalide.' })
      .int()
      .min(1, { message: 'Taille de page invalide.' })
      .max(100, { message: '100 lignes par page au plus.' })
      .default(20),
    state: z.enum(JOB_STATES, { message: 'État inconnu.' }).optional(),
    name: z
      .string()
      .trim()
      .max(100, { message: '100 caractères au plus.' })
      .regex(/^[\w.:-]*$/, { message: 'Nom de tâche invalide.' })
      .optional(),
    /** Search in the job's name and label. */
    q: z.string().trim().max(100, { message: '100 caractères au plus.' }).optional(),
  })
  .strict();
export type JobsQuery = z.input<typeof jobsQuerySchema>;
