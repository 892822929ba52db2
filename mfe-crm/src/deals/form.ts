/**
 * The deal form's values and their mapping to the API bodies. Validation uses the API's own zod
 * schemas (contracts), so the form refuses exactly what the server would refuse.
 */
import dayjs, { type Dayjs } from 'dayjs';
import {
  dealCreateSchema,
  dealUpdateSchema,
  type CompanyKey,
  type DealCreateInput,
  type DealDto,
  type DealStage,
  type DealUpdateInput,
} from '@digiweb/api/contracts';

export interface DealFormValues {
  title?: string;
  contactId?: string;
  amount?: number | null;
  stage?: DealStage;
  probability?: number | null;
  expectedCloseDate?: Dayjs | null;
  issuingCompany?: CompanyKey;
  /** Create form, admins only: empty for "myself". */
  owner?: string;
  lossReason?: string;
  notes?: string;
}
export type DealFormField = keyof DealFormValues;

const FIELDS: DealFormField[] = [
  'title',
  'contactId',
  'amount',
  'stage',
  'probability',
  'expectedCloseDate',
  'issuingCompany',
  'owner',
  'lossReason',
  'notes',
];

export type FieldErrors = { name: DealFormField; errors: string[] }[];
export type BuildResult<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors; other: string[] };

/** Problems (zod issues or the API's 422 errors) grouped on the form's fields, one message each. */
export function toFieldErrors(problems: { path: string; message: string }[]): { fields: FieldErrors; other: string[] } {
  const fields = new Map<DealFormField, string>();
  const other: string[] = [];
  for (const { path, message } of problems) {
    const name = path.split('.')[0] as DealFormField;
    if (!FIELDS.includes(name)) other.push(message);
    else if (!fields.has(name)) fields.set(name, message);
  }
  return { fields: [...fields].map(([name, message]) => ({ name, errors: [message] })), other };
}

function failed(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const grouped = toFieldErrors(issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  return { ok: false as const, errors: grouped.fields, other: grouped.other };
}

/** The values as the API reads them: dates as YYYY-MM-DD, blanks as "". */
function inputOf(values: DealFormValues): Record<string, unknown> {
  return {
    title: values.title ?? '',
    contactId: values.contactId ?? '',
    amount: values.amount ?? undefined,
    probability: values.probability ?? undefined,
    expectedCloseDate: values.expectedCloseDate ? values.expectedCloseDate.format('YYYY-MM-DD') : '',
    issuingCompany: values.issuingCompany,
    lossReason: values.lossReason ?? '',
    notes: values.notes ?? '',
  };
}

export function valuesFromDeal(deal: DealDto): DealFormValues {
  return {
    title: deal.title,
    contactId: deal.contactId,
    amount: deal.amount,
    stage: deal.stage,
    probability: deal.probability,
    expectedCloseDate: dayjs(deal.expectedCloseDate),
    issuingCompany: deal.issuingCompany,
    lossReason: deal.lossReason,
    notes: deal.notes,
  };
}

/** Body of `POST /crm/deals`. `owner` is sent only by members allowed to assign. */
export function buildCreateBody(values: DealFormValues, canAssign: boolean): BuildResult<DealCreateInput> {
  const input: Record<string, unknown> = { ...inputOf(values), stage: values.stage ?? 'discovery' };
  if (canAssign && values.owner) input.owner = values.owner;
  const parsed = dealCreateSchema.safeParse(input);
  return parsed.success ? { ok: true, body: parsed.data } : failed(parsed.error.issues);
}

/** Body of `PATCH /crm/deals/:id`: only what changed; a cleared text is sent as "". */
export function buildUpdateBody(values: DealFormValues, deal: DealDto): BuildResult<DealUpdateInput> {
  const input = inputOf(values);
  if (deal.stage !== 'lost') delete input.lossReason;
  const parsed = dealUpdateSchema.safeParse(input);
  if (!parsed.success) return failed(parsed.error.issues);
  const next = parsed.data as Record<string, unknown>;
  const before = deal as unknown as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if ((next[key] ?? '') !== (before[key] ?? '')) body[key] = next[key] ?? '';
  }
  return { ok: true, body: body as DealUpdateInput };
}

/** One field checked with the contract's schema (antd `rules`, on blur). */
export function validateField(field: Exclude<DealFormField, 'owner' | 'stage'>, values: DealFormValues): string | undefined {
  const schema = dealCreateSchema.shape[field];
  const result = schema.safeParse(inputOf(values)[field]);
  return result.success ? undefined : result.error.issues[0]?.message;
}
