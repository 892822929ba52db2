import { z } from 'zod';
import {
  emailField,
  objectIdField,
  optionalText,
  phoneField,
  postalCodeField,
  requiredText,
  pagingFields,
  siretField,
} from './validators.js';
import type { UserSummary } from './users.js';
import type { ContactEnrichmentDto, ContactSolvencyDto, Director, QualityItem } from './contact-insights.js';

export const CONTACT_STATUSES = ['lead', 'prospect', 'client'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
export const CONTACT_STATUS_LABELS: Record<ContactStatus, string> = {
  lead: 'Lead',
  prospect: 'Prospect',
  client: 'Client',
};

/** A tag: trimmed, 1–40 characters. */
export const tagField = z
  .string()
  .trim()
  .min(1, { message: 'Le tag est vide.' })
  .max(40, { message: 'Un tag fait 40 caractères au maximum.' });
export const MAX_TAGS = 20;
/** The country of a contact when none is given (the form's default, and an import's). */
export const DEFAULT_COUNTRY = 'France';
/** Longest notes of a contact or a company, in characters. */
export const NOTES_MAX = 5000;

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
  tags: z.array(tagField).max(MAX_TAGS, { message: `${MAX_TAGS} tags au maximum.` }).optional(),
  /** Free text about the person (also fed by the columns an import could not place). */
  notes: optionalText(NOTES_MAX),
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

/** Filters of the contacts list, shared by the list, the kanban board and the saved filters. */
export const contactFilterFields = {
  q: z.string().trim().max(100).optional(),
  status: z.enum(CONTACT_STATUSES).optional(),
  /** A member id, or "none" for unassigned contacts. */
  assignedTo: z.union([objectIdField, z.literal('none')]).optional(),
  /** Contacts carrying this tag (exact, case-sensitive as stored). */
  tag: tagField.optional(),
  /** Contacts whose company link waits for an administrator. */
  companyLink: z.literal('pending').optional(),
};
export type ContactFilters = { q?: string; status?: ContactStatus; assignedTo?: string; tag?: string; companyLink?: 'pending' };

export const contactListQuerySchema = z
  .object({
    ...pagingFields(),
    ...contactFilterFields,
    sort: z.enum(CONTACT_SORTS).default('-createdAt'),
  })
  .strict();
export type ContactListQuery = z.input<typeof contactListQuerySchema>;

export const COMPANY_LINK_STATUSES = ['pending', 'refused'] as const;
export type CompanyLinkStatus = (typeof COMPANY_LINK_STATUSES)[number];
export const COMPANY_LINK_STATUS_LABELS: Record<CompanyLinkStatus, string> = {
  pending: 'Rattachement en attente de validation',
  refused: 'Rattachement refusé',
};

export interface ContactCompanyLinkDto {
  companyId: string;
  status: CompanyLinkStatus;
  /** Who wrote the contact's company (pending), or who refused the link (refused). */
  by: { id: string; name: string } | null;
  at: string;
}

/** An administrator's decision on a pending link (`POST /api/crm/contacts/:id/company-link`). */
export const companyLinkDecisionSchema = z
  .object({ decision: z.enum(['approve', 'refuse'], { message: 'Décision inconnue (approve ou refuse).' }) })
  .strict();
export type CompanyLinkDecision = z.infer<typeof companyLinkDecisionSchema>;

export interface ContactDto {
  id: string;
  firstName: string;
  lastName: string;
  email?: string;
  phone?: string;
  companyName?: string;
  /** The company the API linked the contact to (read-only, derived from companyName/SIRET). */
  companyId: string | null;
  /**
   * The existing company the contact's "entreprise" names, when the member who wrote it may not read
   * that company: the link waits for an administrator (pending) or was refused. See COMPANY_LINK_RULE.
   */
  companyLink: ContactCompanyLinkDto | null;
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
  notes?: string;
  qualityScore: number;
  /** How the quality score is made, criterion by criterion (computed by the API). */
  qualityBreakdown: QualityItem[];
  /** Company data from the registry (Pappers enrichment); read-only. */
  nafCode?: string;
  nafLabel?: string;
  /** Headcount range as the registry words it ("Entre 10 et 19 salariés"). */
  headcount?: string;
  /** Euros, last published accounts. */
  revenue?: number;
  revenueYear?: number;
  legalForm?: string;
  directors: Director[];
  enrichment: ContactEnrichmentDto | null;
  solvency: ContactSolvencyDto | null;
  assignedTo: UserSummary | null;
  createdAt: string;
  updatedAt: string;
}
