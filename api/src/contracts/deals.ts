/** CRM → Deals: pipeline stages, schemas of the routes and DTOs, shared by the API and mfe-crm. */
import { z } from 'zod';
import { COMPANIES, type CompanyKey } from './roles.js';
import type { UserSummary } from './users.js';
import { objectIdField, optionalText, requiredIdField, requiredText, pagingFields } from './validators.js';

/** The pipeline, in board order. */
export const DEAL_STAGES = ['discovery', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export const DEAL_STAGE_LABELS: Record<DealStage, string> = {
  discovery: 'Découverte',
  qualification: 'Qualification',
  proposal: 'Proposition',
  negotiation: 'Négociation',
  won: 'Gagné',
  lost: 'Perdu',
};
/** Closing probability (%) a deal gets when it enters a stage; the rep may then set his own. */
export const DEAL_STAGE_PROBABILITY: Record<DealStage, number> = {
  discovery: 10,
  qualification: 25,
  proposal: 50,
  negotiation: 75,
  won: 100,
  lost: 0,
};
/** Stages that close a deal: their probability is fixed (100 % / 0 %). */
export const CLOSED_DEAL_STAGES: readonly DealStage[] = ['won', 'lost'];

export const isDealStage = (v: unknown): v is DealStage => DEAL_STAGES.includes(v as DealStage);

/** Amount × probability, in euros rounded to the cent: what the board sums as "pondéré". */
export function weightedAmountOf(amount: number, probability: number): number {
  return Math.round(amount * probability) / 100;
}

/** Probability of a deal entering `stage`: fixed for closed stages, else the rep's value or the default. */
export function probabilityFor(stage: DealStage, requested?: number): number {
  if (CLOSED_DEAL_STAGES.includes(stage) || requested === undefined) return DEAL_STAGE_PROBABILITY[stage];
  return requested;
}

export const DEAL_AMOUNT_MAX = 100_000_000;
export const LOSS_REASON_REQUIRED = 'Indiquez le motif de perte pour passer le deal en « Perdu ».';

const amountField = z
  .number({ message: 'Le montant est obligatoire.' })
  .min(0, { message: 'Le montant ne peut pas être négatif.' })
  .max(DEAL_AMOUNT_MAX, { message: 'Le montant est trop élevé.' })
  .transform((v) => Math.round(v * 100) / 100);

const probabilityField = z
  .number({ message: 'La probabilité doit être un nombre.' })
  .int({ message: 'La probabilité est un nombre entier.' })
  .min(0, { message: 'La probabilité est comprise entre 0 et 100 %.' })
  .max(100, { message: 'La probabilité est comprise entre 0 et 100 %.' });

/** A calendar day, `YYYY-MM-DD` (the day the deal is expected to close, in Paris). */
export const dayField = z.iso.date({ message: 'Date invalide (format AAAA-MM-JJ).' });

const stageField = z.enum(DEAL_STAGES, { message: 'Étape inconnue.' });
const issuingCompanyField = z.enum(COMPANIES, { message: 'Société émettrice inconnue.' });
const lossReasonField = optionalText(300);

/** A deal entering "Perdu" needs the reason of the loss. */
function requireLossReason(v: { stage: DealStage; lossReason?: string }, ctx: z.RefinementCtx) {
  if (v.stage === 'lost' && !v.lossReason) ctx.addIssue({ code: 'custom', path: ['lossReason'], message: LOSS_REASON_REQUIRED });
}

/** Fields a person types in the deal form. */
const dealFields = {
  title: requiredText(160, 'Le titre'),
  contactId: requiredIdField('Choisissez le contact du deal.'),
  amount: amountField,
  probability: probabilityField,
  expectedCloseDate: dayField,
  issuingCompany: issuingCompanyField,
  notes: optionalText(5000),
};

/** A deal starts in any stage (Découverte by default); "Perdu" needs a loss reason. */
export const dealCreateSchema = z
  .object({
    ...dealFields,
    stage: stageField.default('discovery'),
    /** Defaults to the stage's probability. */
    probability: probabilityField.optional(),
    lossReason: lossReasonField,
    /** Only members allowed to assign deals may name someone else; others own what they create. */
    owner: objectIdField.optional(),
  })
  .strict()
  .superRefine(requireLossReason);
export type DealCreateInput = z.input<typeof dealCreateSchema>;

/** Stage and owner have their own routes (history, audit); the loss reason can be edited on a lost deal. */
export const dealUpdateSchema = z
  .object({ ...dealFields, lossReason: lossReasonField })
  .partial()
  .strict();
export type DealUpdateInput = z.input<typeof dealUpdateSchema>;

/** `POST /crm/deals/:id/stage`: what the kanban drop sends. */
export const dealStageMoveSchema = z
  .object({
    stage: stageField,
    lossReason: lossReasonField,
    /** Probability in the new stage; defaults to the stage's (fixed for Gagné / Perdu). */
    probability: probabilityField.optional(),
  })
  .strict()
  .superRefine(requireLossReason);
export type DealStageMoveInput = z.input<typeof dealStageMoveSchema>;

export const dealOwnerSchema = z.object({ owner: objectIdField }).strict();

/** Filters shared by the list, the board and a board column. */
const dealFilterFields = {
  /** Title, contact or company name. */
  q: z.string().trim().max(100).optional(),
  owner: objectIdField.optional(),
  issuingCompany: issuingCompanyField.optional(),
  amountMin: z.coerce.number().min(0).max(DEAL_AMOUNT_MAX).optional(),
  amountMax: z.coerce.number().min(0).max(DEAL_AMOUNT_MAX).optional(),
  closeFrom: dayField.optional(),
  closeTo: dayField.optional(),
};
export type DealFilters = { [K in keyof typeof dealFilterFields]?: z.output<(typeof dealFilterFields)[K]> };

export const DEAL_SORTS = [
  'expectedCloseDate',
  '-expectedCloseDate',
  'amount',
  '-amount',
  'probability',
  '-probability',
  'title',
  '-title',
  'createdAt',
  '-createdAt',
] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

export const dealListQuerySchema = z
  .object({
    ...pagingFields(),
    ...dealFilterFields,
    stage: stageField.optional(),
    sort: z.enum(DEAL_SORTS).default('expectedCloseDate'),
  })
  .strict();
export type DealListQuery = z.input<typeof dealListQuerySchema>;

/** Cards per board column in one request. */
export const DEAL_BOARD_PAGE = 50;

export const dealBoardQuerySchema = z
  .object({
    ...dealFilterFields,
    /** Cards per column; 0 gives the totals only. */
    limit: z.coerce.number().int().min(0).max(100).default(DEAL_BOARD_PAGE),
  })
  .strict();
export type DealBoardQuery = z.input<typeof dealBoardQuerySchema>;

export const dealColumnQuerySchema = z
  .object({
    ...dealFilterFields,
    /** Opaque position returned as `nextCursor` by the previous page. */
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(DEAL_BOARD_PAGE),
  })
  .strict();
export type DealColumnQuery = z.input<typeof dealColumnQuerySchema>;

export interface DealStageEntryDto {
  stage: DealStage;
  at: string;
  by: UserSummary | null;
}

/** A deal on a card or a list row. */
export interface DealCardDto {
  id: string;
  title: string;
  contactId: string;
  /** Snapshot of the contact's name and company taken when the contact was chosen. */
  contactName: string;
  companyId: string | null;
  companyName?: string;
  amount: number;
  stage: DealStage;
  probability: number;
  /** amount × probability / 100 */
  weightedAmount: number;
  /** YYYY-MM-DD */
  expectedCloseDate: string;
  issuingCompany: CompanyKey;
  owner: UserSummary | null;
  lossReason?: string;
  stageChangedAt: string;
  wonAt: string | null;
  lostAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A deal with everything: notes and the dated history of its stages. */
export interface DealDto extends DealCardDto {
  notes?: string;
  stageHistory: DealStageEntryDto[];
}

export interface DealColumnDto {
  items: DealCardDto[];
  /** Give it back as `cursor` for the next cards; null at the end of the column. */
  nextCursor: string | null;
}

export interface DealBoardColumnDto extends DealColumnDto {
  stage: DealStage;
  count: number;
  /** Sum of the amounts, in euros. */
  amount: number;
  /** Sum of amount × probability. */
  weighted: number;
}

export interface DealBoardDto {
  columns: DealBoardColumnDto[];
}
