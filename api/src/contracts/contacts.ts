import { z } from 'zod';
import {
  emailField,
  objectIdField,
  optionalText,
  phoneField,
  postalCodeField,
  requiredText,
  siretField,
} from './validators.js';
import type { UserSummary } from './users.js';

export const CONTACT_STATUSES = ['lead', 'prospect', 'client'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
export const CONTACT_STATUS_LABELS: Record<ContactStatus, string> = {
  lead: 'Lead',
  prospect: 'Prospect',
  client: 'Client',
};

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** Fields a person types in the contact form. */
const contactFields = {
  firstName: requiredText(80, 'Le prénom'),
  lastName: requiredText(80, 'Le nom'),
  email: optional(emailField),
  phone: optional(phoneField),
  companyName: optionalText(160),
  jobTitle: optionalText(120),
  siret: optional(siretField),
  /** Gérant (legal manager) of the company. */
  manager: optionalText(160),
  address: optionalText(200),
  postalCode: optional(postalCodeField),
  city: optionalText(120),
  country: optionalText(80),
  status: z.enum(CONTACT_STATUSES, { message: 'Statut inconnu (Lead, Prospect ou Client).' }),
  source: optionalText(80),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
};

export const contactCreateSchema = z
  .object({
    ...contactFields,
    /** Only members allowed to assign may set it; others create contacts assigned to themselves. */
    assignedTo: objectIdField.nullable().optional(),
  })
  .strict();
export type ContactCreateInput = z.input<typeof contactCreateSchema>;

export const contactUpdateSchema = z.object(contactFields).partial().strict();
export type ContactUpdateInput = z.input<typeof contactUpdateSchema>;

export const contactAssignSchema = z.object({ assignedTo: objectIdField.nullable() }).strict();

export const CONTACT_SORTS = ['createdAt', '-createdAt', 'lastName', '-lastName', 'qualityScore', '-qualityScore'] as const;

export const contactListQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    q: z.string().trim().max(100).optional(),
    status: z.enum(CONTACT_STATUSES).optional(),
    /** A member id, or "none" for unassigned contacts. */
    assignedTo: z.union([objectIdField, z.literal('none')]).optional(),
    sort: z.enum(CONTACT_SORTS).default('-createdAt'),
  })
  .strict();
export type ContactListQuery = z.input<typeof contactListQuerySchema>;

export interface ContactDto {
  id: string;
  firstName: string;
  lastName: string;
  email?: string;
  phone?: string;
  companyName?: string;
  /** The company the API linked the contact to (read-only, derived from companyName/SIRET). */
  companyId: string | null;
  jobTitle?: string;
  siret?: string;
  manager?: string;
  address?: string;
  postalCode?: string;
  city?: string;
  country?: string;
  status: ContactStatus;
  source?: string;
  tags: string[];
  qualityScore: number;
  assignedTo: UserSummary | null;
  createdAt: string;
  updatedAt: string;
}
