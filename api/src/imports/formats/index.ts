/**
 * The automatic mapping of an import: which tool's export the file is (its headers tell), the field
 * of each column (the tool's own headers first, then the generic synonyms), the columns worth keeping
 * in the notes, and the tool's words for statuses, sources and tags.
 */
import { headerKey, type ContactStatus, type ImportField, type ImportFormat } from '../../contracts/index.js';
import { IMPORT_FIELDS } from '../../contracts/index.js';
import { GENERIC_HEADERS, GENERIC_STATUSES } from './generic.js';
import { google } from './google.js';
import { hubspot } from './hubspot.js';
import { linkedin } from './linkedin.js';
import { outlook } from './outlook.js';
import { pipedrive } from './pipedrive.js';
import { salesforce } from './salesforce.js';
import type { FormatProfile } from './types.js';
import { vcard } from './vcard.js';

/** Tried in this order: the most specific headers first (HubSpot's "Record ID" before a generic "Email"). */
const DETECTED: FormatProfile[] = [hubspot, salesforce, pipedrive, linkedin, outlook, google];
const PROFILES = new Map<ImportFormat, FormatProfile>([...DETECTED, vcard].map((p) => [p.id, p]));

export function detectImportFormat(headers: string[]): ImportFormat {
  const keys = new Set(headers.map(headerKey));
  return DETECTED.find((p) => p.detect(keys))?.id ?? 'spec';
}

export interface ColumnMapping {
  format: ImportFormat;
  /** Field of each column (null: not imported). */
  columns: (ImportField | null)[];
  /** Columns of no interest for the notes (labels of other columns, photos…). */
  ignored: number[];
}

/**
 * The field of each column: per field, the first of its headers (the tool's, then the generic ones)
 * that a column still free has. A field is taken by one column at most.
 */
export function mapColumns(headers: string[], format: ImportFormat = detectImportFormat(headers)): ColumnMapping {
  const profile = PROFILES.get(format);
  const keys = headers.map(headerKey);
  const notGeneric = new Set((profile?.notGeneric ?? []).map(headerKey));
  const columns: (ImportField | null)[] = headers.map(() => null);
  const tables = [profile?.headers ?? {}, GENERIC_HEADERS];
  for (const [t, table] of tables.entries())
    for (const field of IMPORT_FIELDS) {
      if (columns.includes(field)) continue;
      for (const synonym of table[field] ?? []) {
        const key = headerKey(synonym);
        if (t > 0 && notGeneric.has(key)) continue;
        const i = keys.findIndex((k, at) => k === key && columns[at] === null);
        if (i >= 0) {
          columns[i] = field;
          break;
        }
      }
    }
  const ignored = keys.flatMap((k, i) => (columns[i] === null && profile?.ignored?.(k) ? [i] : []));
  return { format, columns, ignored };
}

/** The field of each column from its header alone (tests, callers without a file). */
export const autoMapColumns = (headers: string[]) => mapColumns(headers).columns;

/** The status a cell means in this format; undefined when the word is unknown. An empty cell means "lead". */
export function parseImportStatus(value: string, format: ImportFormat = 'spec'): ContactStatus | undefined {
  const key = headerKey(value);
  if (!key) return 'lead';
  return PROFILES.get(format)?.statuses?.[key] ?? GENERIC_STATUSES[key];
}

/** The source as the CRM words it: the tool's vocabulary translated, anything else as typed. */
export function translateSource(value: string, format: ImportFormat = 'spec'): string {
  return PROFILES.get(format)?.sources?.[headerKey(value)] ?? value;
}

/** The tags of the tool as the CRM keeps them (system groups dropped). */
export function translateTags(tags: string[], format: ImportFormat = 'spec'): string[] {
  const tag = PROFILES.get(format)?.tag;
  if (!tag) return tags;
  return [...new Set(tags.map(tag).filter((t): t is string => !!t))];
}

export { isVCard, readVCards, VCARD_HEADERS } from './vcard.js';
