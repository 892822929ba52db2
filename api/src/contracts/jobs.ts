/** Administration → Tâches de fond: the background jobs (Agenda) as the admin view shows them. */
import { pagingFields } from './validators.js';
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
    ...pagingFields(),
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
