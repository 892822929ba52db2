/** What an export format of another tool brings to the automatic mapping of an import. */
import type { ContactStatus, ImportField, ImportFormat } from '../../contracts/index.js';

export interface FormatProfile {
  id: ImportFormat;
  /** Whether the file's headers (as `headerKey`s) are this tool's export. */
  detect: (keys: Set<string>) => boolean;
  /** The tool's own headers per field, best first; tried before the generic synonyms. */
  headers: Partial<Record<ImportField, string[]>>;
  /** Headers of the generic synonyms that mean something else in this tool (Outlook's "Title" is "M."). */
  notGeneric?: string[];
  /** Columns without interest for the notes (labels of other columns, photo links, phonetic names). */
  ignored?: (key: string) => boolean;
  /** The tool's status words (`headerKey` of the value → status). */
  statuses?: Record<string, ContactStatus>;
  /** The tool's source values (`headerKey` of the value → French label). */
  sources?: Record<string, string>;
  /** A tag of the tool as the CRM keeps it; null drops it (system groups). */
  tag?: (tag: string) => string | null;
}

/** Keys (headerKey) of a header list, for `detect`. */
export const has = (keys: Set<string>, ...wanted: string[]) => wanted.every((k) => keys.has(k));
