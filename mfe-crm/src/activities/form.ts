/**
 * The activity form's values and their mapping to the API bodies, validated with the API's own zod
 * schemas. Date-times are typed as Paris wall-clock time, whatever the browser's time zone.
 */
import dayjs, { type Dayjs } from 'dayjs';
import {
  activityCreateSchema,
  activityUpdateSchema,
  parisWallTime,
  parisWallTimeToDate,
  type ActivityCreateInput,
  type ActivityDto,
  type ActivityPriority,
  type ActivityStatus,
  type ActivityType,
  type ActivityUpdateInput,
} from '@digiweb/api/contracts';

export interface ActivityFormValues {
  type?: ActivityType;
  subject?: string;
  priority?: ActivityPriority;
  status?: ActivityStatus;
  /** Shown and typed as Paris time. */
  dueAt?: Dayjs | null;
  durationMinutes?: number | null;
  notes?: string;
  contactId?: string | null;
  reminderMinutes?: number | null;
  /** Create form of members allowed to assign; empty for "myself". */
  owner?: string;
}

export const FORM_FIELDS = [
  'type',
  'subject',
  'priority',
  'status',
  'dueAt',
  'durationMinutes',
  'notes',
  'contactId',
  'reminderMinutes',
  'owner',
] as const;
export type ActivityFormField = (typeof FORM_FIELDS)[number];

/** The picker value that shows the instant's Paris wall-clock time. */
export function pickerValue(iso: string): Dayjs {
  const w = parisWallTime(iso);
  return dayjs(new Date(w.year, w.month - 1, w.day, w.hour, w.minute));
}

/** The instant of the wall-clock time picked, read as Paris time. */
export function pickedInstant(value: Dayjs): string {
  return parisWallTimeToDate({
    year: value.year(),
    month: value.month() + 1,
    day: value.date(),
    hour: value.hour(),
    minute: value.minute(),
  }).toISOString();
}

/** Next quarter hour at least an hour from now: the default due date of a new activity. */
export function defaultDueAt(now = Date.now()): Dayjs {
  const quarter = 15 * 60_000;
  return pickerValue(new Date(Math.ceil((now + 3_600_000) / quarter) * quarter).toISOString());
}

export function valuesFromActivity(a: ActivityDto): ActivityFormValues {
  return {
    type: a.type,
    subject: a.subject,
    priority: a.priority,
    status: a.status,
    dueAt: pickerValue(a.dueAt),
    durationMinutes: a.durationMinutes ?? null,
    notes: a.notes ?? '',
    contactId: a.contact?.id ?? null,
    reminderMinutes: a.reminderMinutes ?? null,
  };
}

export interface FieldProblems {
  fields: { name: ActivityFormField; errors: string[] }[];
  other: string[];
}

/** Problems (zod issues or the API's 422 errors) on the form's fields, one message per field. */
export function fieldProblems(problems: { path: string; message: string }[]): FieldProblems {
  const fields = new Map<ActivityFormField, string>();
  const other: string[] = [];
  for (const { path, message } of problems) {
    const name = path.split('.')[0] as ActivityFormField;
    if ((FORM_FIELDS as readonly string[]).includes(name)) {
      if (!fields.has(name)) fields.set(name, message);
    } else other.push(message);
  }
  return { fields: [...fields].map(([name, message]) => ({ name, errors: [message] })), other };
}

type Built<T> = { ok: true; body: T } | { ok: false; problems: FieldProblems };

function input(values: ActivityFormValues): Record<string, unknown> {
  return {
    type: values.type,
    subject: values.subject ?? '',
    priority: values.priority,
    status: values.status,
    dueAt: values.dueAt ? pickedInstant(values.dueAt) : undefined,
    durationMinutes: values.durationMinutes ?? null,
    notes: values.notes ?? '',
    contactId: values.contactId ?? null,
    reminderMinutes: values.reminderMinutes ?? null,
  };
}

const failed = (error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) => ({
  ok: false as const,
  problems: fieldProblems(error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))),
});

/** Body of `POST /crm/activities`. `owner` is sent only by members allowed to assign. */
export function buildCreateBody(values: ActivityFormValues, canAssign: boolean): Built<ActivityCreateInput> {
  const body = input(values);
  if (canAssign && values.owner) body.owner = values.owner;
  const parsed = activityCreateSchema.safeParse(body);
  if (!parsed.success) return failed(parsed.error);
  // Send what the person typed (trimmed by the schema), without empty optional fields.
  const out = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined && v !== null));
  return { ok: true, body: out as ActivityCreateInput };
}

/** Body of `PATCH /crm/activities/:id`: only what changed; a cleared field is sent as "" or null. */
export function buildUpdateBody(values: ActivityFormValues, original: ActivityDto): Built<ActivityUpdateInput> {
  const next = input(values);
  const parsed = activityUpdateSchema.safeParse(next);
  if (!parsed.success) return failed(parsed.error);
  const before = input(valuesFromActivity(original));
  const data = parsed.data as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(next)) {
    if ((next[key] ?? '') === (before[key] ?? '')) continue;
    body[key] = data[key] ?? (key === 'notes' ? '' : null);
  }
  return { ok: true, body: body as ActivityUpdateInput };
}
