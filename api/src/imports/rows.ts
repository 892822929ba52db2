/**
 * A CSV row through the contact form's own validators (contracts): the contact it makes, or the
 * French reason of each refused cell, tied to its column.
 */
import {
  contactCreateSchema,
  IMPORT_FIELD_LABELS,
  parseImportStatus,
  splitTags,
  type ContactCreateInput,
  type ImportField,
} from '../contracts/index.js';
import type { z } from 'zod';

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

export function validateRow(cells: string[], columns: (ImportField | null)[]): RowOutcome {
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
      const status = parseImportStatus(value);
      if (status) input.status = status;
      else problems.push({ column: i, message: `Statut inconnu « ${value} » (Lead, Prospect ou Client).` });
    } else if (field === 'tags') {
      input.tags = splitTags(value);
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
  const filled = Object.keys(input).filter((k) => {
    const v = input[k];
    return Array.isArray(v) ? v.length > 0 : v !== '' && v !== undefined;
  }) as (keyof ImportedContact)[];
  // An empty or absent status makes a lead; an unknown one is reported already.
  input.status ??= 'lead';

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
