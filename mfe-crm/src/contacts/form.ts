/**
 * The contact form's values and their mapping to the API bodies. Validation uses the very zod schemas
 * of the API (contracts), so the form refuses exactly what the server would refuse.
 */
import {
  contactCreateSchema,
  contactUpdateSchema,
  formatPhone,
  type ContactCreateInput,
  type ContactDto,
  type ContactStatus,
  type ContactUpdateInput,
} from '@digiweb/api/contracts';
import { UNASSIGNED } from './query';

/** Text fields of the form, in the order of the contract. */
export const TEXT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'companyName',
  'jobTitle',
  'siret',
  'manager',
  'address',
  'postalCode',
  'city',
  'country',
  'source',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type ContactFormField = TextField | 'status' | 'tags' | 'assignedTo';

export type ContactFormValues = Partial<Record<TextField, string>> & {
  status?: ContactStatus;
  tags?: string[];
  /** Create form only: a member id, UNASSIGNED, or empty for "myself" (the server's default). */
  assignedTo?: string;
};

const FORM_FIELDS = new Set<string>([...TEXT_FIELDS, 'status', 'tags', 'assignedTo']);

export interface FieldErrorList {
  /** Errors attached to a form field, ready for `form.setFields`. */
  fields: { name: ContactFormField; errors: string[] }[];
  /** Errors that belong to no field of the form. */
  other: string[];
}

/** Groups problems by the first segment of their path (`tags.2` → `tags`). */
export function groupFieldErrors(problems: { path: string; message: string }[]): FieldErrorList {
  const byField = new Map<ContactFormField, string[]>();
  const other: string[] = [];
  for (const p of problems) {
    const field = p.path.split('.')[0] ?? '';
    if (FORM_FIELDS.has(field)) {
      // One message per field: the first one is the most relevant (e.g. length before checksum).
      if (!byField.has(field as ContactFormField)) byField.set(field as ContactFormField, [p.message]);
    } else other.push(p.message);
  }
  return { fields: [...byField].map(([name, errors]) => ({ name, errors })), other };
}

const issuesToProblems = (error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

/** Initial values of the edit form: the record as a person would type it. */
export function valuesFromContact(c: ContactDto): ContactFormValues {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phone: c.phone ? formatPhone(c.phone) : undefined,
    companyName: c.companyName,
    jobTitle: c.jobTitle,
    siret: c.siret,
    manager: c.manager,
    address: c.address,
    postalCode: c.postalCode,
    city: c.city,
    country: c.country,
    status: c.status,
    source: c.source,
    tags: c.tags,
  };
}

function inputFromValues(values: ContactFormValues): Record<string, unknown> {
  const input: Record<string, unknown> = { status: values.status, tags: values.tags ?? [] };
  for (const key of TEXT_FIELDS) input[key] = values[key] ?? '';
  return input;
}

export type BuildResult<T> = { ok: true; body: T } | { ok: false; errors: FieldErrorList };

/** Body of `POST /crm/contacts`. `assignedTo` is sent only by members allowed to assign. */
export function buildCreateBody(values: ContactFormValues, canAssign: boolean): BuildResult<ContactCreateInput> {
  const input = inputFromValues(values);
  if (canAssign && values.assignedTo) input.assignedTo = values.assignedTo === UNASSIGNED ? null : values.assignedTo;
  const parsed = contactCreateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: groupFieldErrors(issuesToProblems(parsed.error)) };
  return { ok: true, body: parsed.data };
}

const sameValue = (a: unknown, b: unknown) =>
  Array.isArray(a) || Array.isArray(b) ? JSON.stringify(a ?? []) === JSON.stringify(b ?? []) : (a ?? '') === (b ?? '');

/**
 * Body of `PATCH /crm/contacts/:id`: only the fields that changed. A cleared field is sent as ""
 * (tags as []), which the API understands as "remove the value".
 */
export function buildUpdateBody(values: ContactFormValues, original: ContactDto): BuildResult<ContactUpdateInput> {
  const parsed = contactUpdateSchema.safeParse(inputFromValues(values));
  if (!parsed.success) return { ok: false, errors: groupFieldErrors(issuesToProblems(parsed.error)) };
  const next = parsed.data as Record<string, unknown>;
  const before = original as unknown as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const key of [...TEXT_FIELDS, 'status', 'tags'] as const) {
    if (sameValue(next[key], before[key])) continue;
    body[key] = next[key] ?? (key === 'tags' ? [] : '');
  }
  return { ok: true, body: body as ContactUpdateInput };
}

/** Validates one field with the contract's schema (for antd `rules`, on blur). */
export function validateField(field: TextField | 'status' | 'tags', value: unknown): string | undefined {
  const schema = contactCreateSchema.shape[field];
  const result = schema.safeParse(field === 'tags' ? (value ?? []) : (value ?? ''));
  return result.success ? undefined : result.error.issues[0]?.message;
}
