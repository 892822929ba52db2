/**
 * What the CRM knows about a contact beyond what a person types: quality score and its breakdown,
 * registry data (Pappers enrichment), solvency, and the interaction history.
 */
import { z } from 'zod';
import type { ActivityStatus, ActivityType } from './activities.js';
import type { ContactDto } from './contacts.js';
import type { DealStage } from './deals.js';
import type { UserSummary } from './users.js';

// ——— Quality score ———

export const QUALITY_GROUPS = ['completeness', 'validity', 'enrichment', 'engagement'] as const;
export type QualityGroup = (typeof QUALITY_GROUPS)[number];
export const QUALITY_GROUP_LABELS: Record<QualityGroup, string> = {
  completeness: 'Complétude',
  validity: 'Validité',
  enrichment: 'Enrichissement',
  engagement: 'Engagement',
};

/**
 * The criteria of the quality score (0–100), with their weight. The API computes the points
 * (api/src/crm/quality.ts) and stores them on the contact as `qualityBreakdown`.
 */
export const QUALITY_CRITERIA = [
  { key: 'email', group: 'completeness', label: 'E-mail renseigné', max: 5 },
  { key: 'phone', group: 'completeness', label: 'Téléphone renseigné', max: 5 },
  { key: 'company', group: 'completeness', label: 'Entreprise renseignée', max: 5 },
  { key: 'jobTitle', group: 'completeness', label: 'Poste renseigné', max: 5 },
  { key: 'address', group: 'completeness', label: 'Adresse complète (rue, code postal, ville)', max: 5 },
  { key: 'manager', group: 'completeness', label: 'Gérant renseigné', max: 5 },
  { key: 'emailValid', group: 'validity', label: 'E-mail valide', max: 10 },
  { key: 'phoneValid', group: 'validity', label: 'Téléphone valide', max: 10 },
  { key: 'siretValid', group: 'validity', label: 'SIRET valide', max: 10 },
  { key: 'enrichment', group: 'enrichment', label: 'Données Pappers de moins de 12 mois', max: 20 },
  { key: 'engagement', group: 'engagement', label: 'Activité réalisée dans les 90 derniers jours', max: 20 },
] as const satisfies readonly { key: string; group: QualityGroup; label: string; max: number }[];
export type QualityKey = (typeof QUALITY_CRITERIA)[number]['key'];

/** Enrichment older than this earns half its points. */
export const ENRICHMENT_FRESH_DAYS = 365;
/** A completed activity counts as recent engagement for this many days. */
export const ENGAGEMENT_DAYS = 90;

export interface QualityItem {
  key: QualityKey;
  label: string;
  points: number;
  max: number;
}

/** The group of a breakdown item (for display). */
export function qualityGroupOf(key: QualityKey): QualityGroup {
  return QUALITY_CRITERIA.find((c) => c.key === key)?.group ?? 'completeness';
}

// ——— Registry data (Pappers) ———

export interface Director {
  name: string;
  /** Qualité: "Président", "Gérant", "Directeur général"… */
  role: string;
}

export const ENRICHMENT_SOURCES = ['pappers'] as const;
export type EnrichmentSource = (typeof ENRICHMENT_SOURCES)[number];

/** Contact fields an enrichment may fill, with their French labels. */
export const ENRICHMENT_FIELD_LABELS = {
  companyName: 'Entreprise',
  address: 'Adresse',
  postalCode: 'Code postal',
  city: 'Ville',
  nafCode: 'Code NAF',
  nafLabel: 'Activité',
  headcount: 'Effectif',
  revenue: "Chiffre d'affaires",
  legalForm: 'Forme juridique',
  directors: 'Dirigeants',
  manager: 'Gérant',
} as const;
export type EnrichmentField = keyof typeof ENRICHMENT_FIELD_LABELS;

export interface ContactEnrichmentDto {
  source: EnrichmentSource;
  at: string;
  /** Fields the last enrichment filled or updated. */
  fields: EnrichmentField[];
  /** Demo mode: generated data, not from Pappers. */
  demo: boolean;
}

export interface ContactEnrichResponse {
  contact: ContactDto;
  fields: EnrichmentField[];
  /** Where the data came from: Pappers, or the demo data set. */
  source: 'pappers' | 'démo';
}

// ——— Solvency ———

/**
 * Solvency score 0–100 (higher = more solvent), the scale Coface-like ratings are usually brought
 * to. Bands: ≥ 70 low risk, 40–69 moderate, < 40 high. Entered by hand until a Coface connector exists.
 */
export const SOLVENCY_SOURCES = ['coface', 'manuel'] as const;
export type SolvencySource = (typeof SOLVENCY_SOURCES)[number];
export const SOLVENCY_SOURCE_LABELS: Record<SolvencySource, string> = { coface: 'Coface', manuel: 'Saisie manuelle' };

export const SOLVENCY_BANDS = [
  { min: 70, label: 'Risque faible', color: 'green' },
  { min: 40, label: 'Risque modéré', color: 'orange' },
  { min: 0, label: 'Risque élevé', color: 'red' },
] as const;
export function solvencyBand(score: number): (typeof SOLVENCY_BANDS)[number] {
  return SOLVENCY_BANDS.find((b) => score >= b.min) ?? SOLVENCY_BANDS[SOLVENCY_BANDS.length - 1]!;
}

export interface ContactSolvencyDto {
  score: number;
  source: SolvencySource;
  at: string;
  /** Who entered it (manual source). */
  by: { id: string; name: string } | null;
}

/** `PUT /crm/contacts/:id/solvency`: a score, or null to clear it. */
export const contactSolvencySchema = z
  .object({
    score: z
      .number({ message: 'Le score de solvabilité doit être un nombre.' })
      .int({ message: 'Le score de solvabilité est un nombre entier.' })
      .min(0, { message: 'Le score de solvabilité va de 0 à 100.' })
      .max(100, { message: 'Le score de solvabilité va de 0 à 100.' })
      .nullable(),
  })
  .strict();
export type ContactSolvencyInput = z.input<typeof contactSolvencySchema>;

/** `POST /crm/contacts/:id/enrich` takes no parameter: the SIRET of the contact is used. */
export const contactEnrichSchema = z.object({}).strict();

// ——— Interaction history ———

export const CONTACT_EVENT_TYPES = ['created', 'status', 'assignment', 'enrichment', 'solvency', 'notes'] as const;
export type ContactEventType = (typeof CONTACT_EVENT_TYPES)[number];

export const contactHistoryQuerySchema = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export type ContactHistoryQuery = z.input<typeof contactHistoryQuerySchema>;

interface HistoryBase {
  /** `<kind>:<id>`, unique in the timeline. */
  key: string;
  id: string;
  at: string;
}

export interface HistoryActivity extends HistoryBase {
  kind: 'activity';
  type: ActivityType;
  subject: string;
  status: ActivityStatus;
  durationMinutes?: number;
  notes?: string;
  owner: UserSummary | null;
}

export interface HistoryEmail extends HistoryBase {
  kind: 'email';
  subject: string;
  to: string[];
  by: UserSummary | null;
}

export interface HistoryDeal extends HistoryBase {
  kind: 'deal';
  title: string;
  stage: DealStage;
  amount: number;
  owner: UserSummary | null;
}

export interface HistoryEvent extends HistoryBase {
  kind: 'event';
  type: ContactEventType;
  from: string | null;
  to: string | null;
  /** French rendering of from/to: status labels, member names, "Non assigné", scores. */
  fromLabel: string | null;
  toLabel: string | null;
  by: UserSummary | null;
}

export type HistoryItem = HistoryActivity | HistoryEmail | HistoryDeal | HistoryEvent;

export interface ContactHistoryPage {
  items: HistoryItem[];
  /** Pass it as `cursor` to get the next (older) items; null at the end. */
  nextCursor: string | null;
}
