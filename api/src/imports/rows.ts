/**
 * A CSV row through the contact form's own validators (contracts): the contact it makes, or the
 * French reason of each refused cell, tied to its column.
 */
import {
  contactCreateSchema,
  DEFAULT_COUNTRY,
  IMPORT_FIELD_LABELS,
  NOTES_MAX,
  splitTags,
  type ContactCreateInput,
  type ImportField,
  type ImportFormat,
} from '../contracts/index.js';
import type { z } from 'zod';
import { parseImportStatus, translateSource, translateTags } from './formats/index.js';

/** How the cells of a file are read beyond their column's field. */
export interface RowOptions {
  /** The export the file is: its words (statuses, sources, tags) are translated. */
  format?: ImportFormat;
  /** Headers of the file, for the notes kept from other columns. */
  headers?: string[];
  /** Columns whose filled cells are added to the notes as "Header : value" lines. */
  noteColumns?: number[];
}

const rowSchema = contactCreateSchema.omit({ assignedTo: true });
export type ImportedContact = z.output<typeof rowSchema>;

export interface RowProblem {
  /** Index of the column, or null for the row as a whole. */
  column: number | null;
  message: string;
}

export type RowOutcome =
  | {
      contact: ImportedContact;
      /** Contact fields whose cell is filled in: an update changes only those. */
      filled: (keyof ImportedContact)[];
      problems?: undefined;
    }
  | { contact?: undefined; filled?: undefined; problems: RowProblem[] };

/** "Jean-Pierre de La Fontaine" → first name "Jean-Pierre", last name "de La Fontaine". */
function splitFullName(value: string): { first: string; last: string } {
  const words = value.trim().split(/\s+/).filter(Boolean);
  return { first: words[0] ?? '', last: words.slice(1).join(' ') };
}

/** The columns an import keeps in the notes: those not imported, but for the ignored ones. */
export function noteColumnsOf(columns: (ImportField | null)[], ignored: number[]): number[] {
  const skip = new Set(ignored);
  return columns.flatMap((field, i) => (field === null && !skip.has(i) ? [i] : []));
}

/** "Header : value" lines of the kept columns, added after the notes, within NOTES_MAX. */
function withKeptColumns(notes: unknown, cells: string[], options: RowOptions): string | undefined {
  const lines = (options.noteColumns ?? []).flatMap((i) => {
    const value = (cells[i] ?? '').trim();
    return value ? [`${options.headers?.[i] ?? `Colonne ${i + 1}`} : ${value}`] : [];
  });
  const own = typeof notes === 'string' && notes.trim() ? notes.trim() : '';
  if (!lines.length) return own || undefined;
  const kept = lines.join('\n');
  // The notes of the file are checked as they are; the kept columns are cut to what is left.
  if (own.length > NOTES_MAX) return own;
  const room = NOTES_MAX - own.length - (own ? 2 : 0);
  const tail = kept.length > room ? `${kept.slice(0, Math.max(0, room - 1))}…` : kept;
  return room > 1 ? [own, tail].filter(Boolean).join('\n\n') : own;
}

export function validateRow(cells: string[], columns: (ImportField | null)[], options: RowOptions = {}): RowOutcome {
  const { format } = options;
  const problems: RowProblem[] = [];
  const extra = cells.slice(columns.length).filter((c) => c.trim() !== '');
  if (extra.length)
    problems.push({
      column: null,
      message: `La ligne compte ${cells.length} colonnes au lieu de ${columns.length} (un séparateur dans une valeur sans guillemets ?).`,
    });

  const columnOf = new Map<string, number>();
  const input: Record<string, unknown> = {};
  columns.forEach((field, i) => {
    if (!field) return;
    const value = (cells[i] ?? '').trim();
    columnOf.set(field, i);
    if (field === 'status') {
      if (!value) return;
      const status = parseImportStatus(value, format);
      if (status) input.status = status;
      else problems.push({ column: i, message: `Statut inconnu « ${value} » (Lead, Prospect ou Client).` });
    } else if (field === 'tags') {
      input.tags = translateTags(splitTags(value), format);
    } else if (field === 'source') {
      input.source = value && translateSource(value, format);
    } else if (field !== 'fullName') {
      input[field] = value;
    }
  });
  const full = columnOf.get('fullName');
  if (full !== undefined) {
    const { first, last } = splitFullName(cells[full] ?? '');
    if (!input.firstName) {
      input.firstName = first;
      columnOf.set('firstName', full);
    }
    if (!input.lastName) {
      input.lastName = last;
      columnOf.set('lastName', full);
    }
  }
  const notes = withKeptColumns(input.notes, cells, options);
  if (notes !== undefined) input.notes = notes;
  const filled = Object.keys(input).filter((k) => {
    const v = input[k];
    return Array.isArray(v) ? v.length > 0 : v !== '' && v !== undefined;
  }) as (keyof ImportedContact)[];
  // An empty or absent status makes a lead; an unknown one is reported already.
  input.status ??= 'lead';
  // Like the contact form: a contact made without a country is in France (an update leaves it alone:
  // the default is not among the cells filled in).
  if (!input.country) input.country = DEFAULT_COUNTRY;

  const parsed = rowSchema.safeParse(input as ContactCreateInput);
  if (parsed.success && !problems.length) return { contact: parsed.data, filled };
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const column = columnOf.get(field);
      const message =
        column === undefined && (field === 'firstName' || field === 'lastName')
          ? `Aucune colonne pour « ${IMPORT_FIELD_LABELS[field]} ».`
          : issue.message;
      if (!problems.some((p) => p.column === (column ?? null) && p.message === message))
        problems.push({ column: column ?? null, message });
    }
  return { problems };
}
