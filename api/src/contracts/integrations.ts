/** Third-party services an administrator connects (Administration → Intégrations). */
import { z } from 'zod';

export const INTEGRATION_KEYS = ['pappers'] as const;
export type IntegrationKey = (typeof INTEGRATION_KEYS)[number];
export const INTEGRATION_LABELS: Record<IntegrationKey, string> = { pappers: 'Pappers' };

/** What the API answers about an integration: never the secret, only whether it is set and its end. */
export interface IntegrationDto {
  key: IntegrationKey;
  label: string;
  configured: boolean;
  /** The last 4 characters of the API key, to recognise it. */
  last4: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const pappersKeySchema = z
  .object({
    apiKey: z
      .string({ message: 'La clé API est obligatoire.' })
      .trim()
      .min(8, { message: 'La clé API est trop courte.' })
      .max(200, { message: 'La clé API est trop longue.' })
      .regex(/^[\x21-\x7e]+$/, { message: 'La clé API ne peut contenir ni espace ni accent.' }),
  })
  .strict();
export type PappersKeyInput = z.input<typeof pappersKeySchema>;
