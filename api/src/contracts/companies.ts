/** CRM → Entreprises: schemas of the routes and DTOs, shared by the API and mfe-crm. */
import { z } from 'zod';
import { CONTACT_STATUSES, NOTES_MAX, type ContactStatus } from './contacts.js';
import type { ActivityPriority, ActivityStatus, ActivityType } from './activities.js';
import type { DealStage } from './deals.js';
import type { UserSummary } from './users.js';
import { optionalText, postalCodeField, pagingFields } from './validators.js';

/** A company's status is the best of its contacts' statuses. */
export const COMPANY_STATUS_RANK: Record<ContactStatus, number> = { lead: 0, prospect: 1, client: 2 };
export function bestStatus(statuses: Iterable<ContactStatus>): ContactStatus | undefined {
  let best: ContactStatus | undefined;
  for (const s of statuses) if (!best || COMPANY_STATUS_RANK[s] > COMPANY_STATUS_RANK[best]) best = s;
  return best;
}

export const LEGAL_FORMS = [
  'SAS',
  'SASU',
  'SARL',
  'EURL',
  'SA',
  'SNC',
  'SCI',
  'SCOP',
  'SELARL',
  'EI',
  'Micro-entreprise',
  'Association',
  'Autre',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** NAF rev. 2 sub-class, e.g. 70.22Z. */
export const nafCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{2}\.\d{2}[A-Z]$/, { message: 'Le code NAF a la forme 70.22Z.' });

/** Where a company's position comes from: its commune, its intercommunality, or only its department. */
export const GEO_PRECISIONS = ['commune', 'approximate', 'department'] as const;
export type GeoPrecision = (typeof GEO_PRECISIONS)[number];

const clearable = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? null : v), schema.nullable().optional());

/** What an admin may edit; the rest is derived from the contacts. `null` or "" clears a field. */
export const companyUpdateSchema = z
  .object({
    nafCode: clearable(nafCodeField),
    industry: clearable(z.string().trim().min(1).max(160, { message: '160 caractères au maximum.' })),
    headcount: clearable(
      z
        .number({ message: "L'effectif doit être un nombre." })
        .int({ message: "L'effectif est un nombre entier." })
        .min(0, { message: "L'effectif ne peut pas être négatif." })
        .max(10_000_000, { message: "L'effectif est trop élevé." }),
    ),
    revenue: clearable(
      z
        .number({ message: "Le chiffre d'affaires doit être un nombre." })
        .min(0, { message: "Le chiffre d'affaires ne peut pas être négatif." })
        .max(1e13, { message: "Le chiffre d'affaires est trop élevé." })
        .transform((v) => Math.round(v)),
    ),
    legalForm: clearable(z.enum(LEGAL_FORMS, { message: 'Forme juridique inconnue.' })),
    address: clearable(z.string().trim().min(1).max(200, { message: '200 caractères au maximum.' })),
    postalCode: clearable(postalCodeField),
    city: clearable(z.string().trim().min(1).max(120, { message: '120 caractères au maximum.' })),
    notes: clearable(
      z
        .string()
        .trim()
        .min(1)
        .max(NOTES_MAX, { message: `${NOTES_MAX} caractères au maximum.` }),
    ),
  })
  .strict();
export type CompanyUpdateInput = z.input<typeof companyUpdateSchema>;

export const COMPANY_SORTS = ['name', '-name', '-createdAt', 'createdAt', '-revenue', '-headcount'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];

/** Filters shared by the card grid and the map. */
export const companyFilterFields = {
  q: z.string().trim().max(100).optional(),
  status: z.enum(CONTACT_STATUSES).optional(),
  industry: optionalText(160),
  /** Department code (01…95, 2A, 2B, 971…). */
  department: z
    .string()
    .trim()
    .regex(/^(\d{2}|2[AB]|9[78]\d)$/i, { message: 'Département inconnu.' })
    .transform((v) => v.toUpperCase())
    .optional(),
  city: optionalText(120),
  hasDeals: z.enum(['true', 'false']).optional(),
};
export type CompanyFilters = { [K in keyof typeof companyFilterFields]?: z.output<(typeof companyFilterFields)[K]> };

export const companyListQuerySchema = z
  .object({
    ...companyFilterFields,
    ...pagingFields(),
    sort: z.enum(COMPANY_SORTS).default('name'),
  })
  .strict();
export type CompanyListQuery = z.input<typeof companyListQuerySchema>;

export const companyMapQuerySchema = z.object(companyFilterFields).strict();
export type CompanyMapQuery = z.input<typeof companyMapQuerySchema>;

export interface CompanyDto {
  id: string;
  name: string;
  siren?: string;
  siret?: string;
  nafCode?: string;
  industry?: string;
  headcount?: number;
  /** Euros. */
  revenue?: number;
  legalForm?: LegalForm;
  address?: string;
  postalCode?: string;
  city?: string;
  /** INSEE code of the commune (or municipal arrondissement). */
  communeCode?: string;
  department?: string;
  lat?: number;
  lng?: number;
  geoPrecision?: GeoPrecision;
  status: ContactStatus;
  notes?: string;
  /** Linked contacts and deals the caller may read. */
  contactCount: number;
  dealCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface CompanyContactDto {
  id: string;
  firstName: string;
  lastName: string;
  jobTitle?: string;
  email?: string;
  phone?: string;
  status: ContactStatus;
  assignedTo: UserSummary | null;
}

export interface CompanyDealDto {
  id: string;
  title: string;
  amount: number;
  stage: DealStage;
  probability: number;
  expectedCloseDate: string;
  owner: UserSummary | null;
}

export interface CompanyActivityDto {
  id: string;
  type: ActivityType;
  subject: string;
  status: ActivityStatus;
  priority: ActivityPriority;
  dueAt: string;
  contactName?: string;
  owner: UserSummary | null;
}

/** Activities shown on a company's detail: the most recent ones. */
export const COMPANY_DETAIL_ACTIVITIES = 20;

export interface CompanyDetailDto extends CompanyDto {
  contacts: CompanyContactDto[];
  deals: CompanyDealDto[];
  /** The company's activities (linked to it or to its contacts) the caller may read, latest first. */
  activities: CompanyActivityDto[];
  activityTotal: number;
}

/** One point of the map: as light as possible, every company in scope is sent. */
export interface CompanyMapPoint {
  id: string;
  name: string;
  status: ContactStatus;
  lat: number;
  lng: number;
}

export interface CompanyMapResponse {
  points: CompanyMapPoint[];
  /** Companies matching the filters that have no known position. */
  withoutPosition: number;
}
