/** Bulk actions on selected contacts, and their undo. */
import { z } from 'zod';
import { CONTACT_STATUSES, tagField } from './contacts.js';
import { objectIdField } from './validators.js';

export const BULK_ACTIONS = ['assign', 'addTag', 'status', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_ACTION_LABELS: Record<BulkAction, string> = {
  assign: 'Assignation',
  addTag: 'Ajout de tag',
  status: 'Changement de statut',
  delete: 'Suppression',
};
/** Most contacts one bulk action takes. */
export const BULK_MAX = 500;
/** How long a bulk action can be undone, in seconds. */
export const BULK_UNDO_SECONDS = 600;

const ids = z
  .array(objectIdField, { message: 'Sélectionnez au moins un contact.' })
  .min(1, { message: 'Sélectionnez au moins un contact.' })
  .max(BULK_MAX, { message: `${BULK_MAX} contacts au maximum par action groupée.` });

export const contactBulkSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('assign'), ids, assignedTo: objectIdField.nullable() }).strict(),
    z.object({ action: z.literal('addTag'), ids, tag: tagField }).strict(),
    z
      .object({ action: z.literal('status'), ids, status: z.enum(CONTACT_STATUSES, { message: 'Statut inconnu.' }) })
      .strict(),
    z.object({ action: z.literal('delete'), ids }).strict(),
  ],
  { message: 'Action groupée inconnue.' },
);
export type ContactBulkInput = z.input<typeof contactBulkSchema>;

export const contactBulkUndoSchema = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: 'Jeton invalide.' }) })
  .strict();

export interface ContactBulkResult {
  action: BulkAction;
  /** Contacts changed. Ids out of the caller's scope, unknown, or already in that state are not. */
  done: number;
  /** Ids sent but not changed. */
  skipped: number;
  /** The value each changed contact had before: what an undo restores. */
  previous: { id: string; value: string | null }[];
  /** Server-side undo, for `POST /crm/contacts/bulk/undo`; null when nothing changed. */
  undo: { token: string; expiresAt: string } | null;
}

export interface ContactBulkUndoResult {
  action: BulkAction;
  /** Contacts put back. A contact changed again since the bulk action is left as it is. */
  restored: number;
}
