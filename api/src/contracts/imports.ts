/**
 * CRM → Contacts → Importer: the contact fields a CSV column can fill, the exports recognised (their
 * header tables live in api/src/imports/formats), the configuration of a run and the DTOs the wizard
 * reads.
 */
import { z } from 'zod';
import { MAX_TAGS, tagField } from './contacts.js';
import { objectIdField, pagingFields } from './validators.js';

/** Largest file accepted, in bytes. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
/** Rows shown, validated, in the preview. */
export const IMPORT_PREVIEW_ROWS = 10;

/**
 * What a column can fill. `fullName` is split into first name (first word) and last name (the rest)
 * when those have no column of their own; `tags` are split on commas, semicolons and pipes.
 */
export const IMPORT_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
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
  'status',
  'source',
  'tags',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  firstName: 'Prénom',
  lastName: 'Nom',
  fullName: 'Nom complet (prénom + nom)',
  email: 'E-mail',
  phone: 'Téléphone',
  companyName: 'Entreprise',
  jobTitle: 'Poste',
  siret: 'SIRET',
  manager: 'Gérant',
  address: 'Adresse',
  postalCode: 'Code postal',
  city: 'Ville',
  country: 'Pays',
  status: 'Statut',
  source: 'Source',
  tags: 'Tags',
  notes: 'Notes',
};

/** Lower case, no accents, letters and digits only: "E-mail Address" → "emailaddress". */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * The exports the automatic mapping recognises (api/src/imports/formats): "spec" is the
 * specification's own format and any file typed by hand.
 */
export const IMPORT_FORMATS = ['spec', 'google', 'outlook', 'hubspot', 'pipedrive', 'salesforce', 'linkedin', 'vcard'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  spec: 'Format standard',
  google: 'Google Contacts',
  outlook: 'Outlook / Microsoft 365',
  hubspot: 'HubSpot',
  pipedrive: 'Pipedrive',
  salesforce: 'Salesforce',
  linkedin: 'LinkedIn (relations)',
  vcard: 'vCard (.vcf)',
};

/** Tags of a cell: "VIP, Salon 2026 | Lyon" → ["VIP", "Salon 2026", "Lyon"]. */
export function splitTags(value: string): string[] {
  return [...new Set(value.split(/\s*(?:[,;|]|:::)\s*/).map((t) => t.trim()).filter(Boolean))];
}

export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];
export const IMPORT_ENCODING_LABELS: Record<ImportEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Excel, Europe occidentale)',
  'utf-16le': 'UTF-16 LE (texte Unicode Excel)',
  'utf-16be': 'UTF-16 BE',
};
export const IMPORT_DELIMITERS = [',', ';', '\t'] as const;
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number];
export const IMPORT_DELIMITER_LABELS: Record<ImportDelimiter, string> = {
  ',': 'Virgule ( , )',
  ';': 'Point-virgule ( ; )',
  '\t': 'Tabulation',
};

const columnsField = z
  .array(z.enum(IMPORT_FIELDS).nullable())
  .max(500)
  .superRefine((cols, ctx) => {
    const seen = new Set<string>();
    cols.forEach((f, i) => {
      if (!f) return;
      if (seen.has(f))
        ctx.addIssue({ code: 'custom', path: [i], message: `Le champ « ${IMPORT_FIELD_LABELS[f]} » est choisi pour deux colonnes.` });
      seen.add(f);
    });
  });

/** Step 2: the file's format (when detection got it wrong) and the field of each column. */
export const importSettingsSchema = z
  .object({
    encoding: z.enum(IMPORT_ENCODINGS).optional(),
    delimiter: z.enum(IMPORT_DELIMITERS).optional(),
    columns: columnsField.optional(),
  })
  .strict();
export type ImportSettingsInput = z.input<typeof importSettingsSchema>;

export const IMPORT_DEDUP_KEYS = ['email', 'phone'] as const;
export type ImportDedupKey = (typeof IMPORT_DEDUP_KEYS)[number];
export const IMPORT_ON_DUPLICATE = ['skip', 'update'] as const;
export type ImportOnDuplicate = (typeof IMPORT_ON_DUPLICATE)[number];
export const IMPORT_ASSIGNMENT_MODES = ['none', 'one', 'round_robin'] as const;
export type ImportAssignmentMode = (typeof IMPORT_ASSIGNMENT_MODES)[number];

/** Step 4: how duplicates are found and handled, who gets the new contacts, which tags they get. */
export const importStartSchema = z
  .object({
    columns: columnsField,
    dedupBy: z.array(z.enum(IMPORT_DEDUP_KEYS)).max(2).default(['email', 'phone']),
    onDuplicate: z.enum(IMPORT_ON_DUPLICATE).default('skip'),
    assignment: z.enum(IMPORT_ASSIGNMENT_MODES).default('none'),
    /** The member who gets every new contact (assignment "one"). */
    assignTo: objectIdField.optional(),
    tags: z.array(tagField).max(MAX_TAGS, { message: `${MAX_TAGS} tags au maximum.` }).default([]),
    /** The content of the columns not imported goes to the contact's notes ("Header : value" lines). */
    keepUnmapped: z.boolean().default(true),
  })
  .strict()
  .refine((c) => c.assignment !== 'one' || !!c.assignTo, {
    message: 'Choisissez le commercial à qui assigner les contacts.',
    path: ['assignTo'],
  })
  .refine((c) => c.columns.includes('firstName') || c.columns.includes('fullName'), {
    message: 'Associez une colonne au prénom (ou au nom complet).',
    path: ['columns'],
  })
  .refine((c) => c.columns.includes('lastName') || c.columns.includes('fullName'), {
    message: 'Associez une colonne au nom (ou au nom complet).',
    path: ['columns'],
  });
export type ImportStartInput = z.input<typeof importStartSchema>;

export const importListQuerySchema = z
  .object({
    ...pagingFields({ defaultSize: 10, maxSize: 50 }),
  })
  .strict();

export const IMPORT_STATUSES = ['analysed', 'queued', 'running', 'completed', 'cancelled', 'failed', 'expired'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  analysed: 'Prêt à lancer',
  queued: 'En attente',
  running: 'En cours',
  completed: 'Terminé',
  cancelled: 'Annulé',
  failed: 'Échec',
  expired: 'Expiré',
};
export const IMPORT_ACTIVE_STATUSES: readonly ImportStatus[] = ['queued', 'running'];

/** The undo of a whole import: removes the contacts it created, puts back those it updated. */
export const IMPORT_UNDO_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ImportUndoStatus = (typeof IMPORT_UNDO_STATUSES)[number];
/** Contacts listed by name in the undo's report (the count covers them all). */
export const IMPORT_UNDO_LISTED = 100;

export interface ImportUndoDto {
  status: ImportUndoStatus;
  requestedBy: { id: string; name: string } | null;
  requestedAt: string;
  total: number;
  processed: number;
  /** Created contacts removed (to the trash). */
  removed: number;
  /** Updated contacts put back as they were. */
  restored: number;
  /** Contacts left as they are: changed since the import (or gone). */
  skipped: number;
  skippedContacts: { id: string; name: string; reason: string }[];
  finishedAt: string | null;
  error?: string;
}

export interface ImportCounts {
  /** New contacts. */
  imported: number;
  /** Existing contacts updated (duplicates, "update" mode). */
  updated: number;
  /** Duplicates left aside (in the file, or of an existing contact in "skip" mode). */
  duplicates: number;
  /** Rows rejected: invalid values, unreadable rows. */
  errors: number;
}

export interface ImportDto {
  id: string;
  fileName: string;
  size: number;
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  headers: string[];
  /** Field of each column (null: not imported). */
  columns: (ImportField | null)[];
  /** The export the headers were recognised as. */
  format: ImportFormat;
  /** Columns never kept in the notes when not imported (labels of other columns, photos…). */
  ignoredColumns: number[];
  /** Data rows of the file (blank rows left out). */
  totalRows: number;
  status: ImportStatus;
  cancelRequested: boolean;
  config: {
    dedupBy: ImportDedupKey[];
    onDuplicate: ImportOnDuplicate;
    assignment: ImportAssignmentMode;
    assignTo: string | null;
    tags: string[];
    keepUnmapped: boolean;
  } | null;
  counts: ImportCounts;
  progress: {
    processed: number;
    rowsPerSecond: number;
    /** Seconds left at the current pace; null until it can be estimated. */
    etaSeconds: number | null;
  };
  error?: string;
  /** The undo of the import, once asked. */
  undo: ImportUndoDto | null;
  /** Whether the caller may undo it now (a finished import, not undone yet). */
  canUndo: boolean;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ImportPreviewCell {
  value: string;
  /** Why the value would be refused (French), if it would. */
  error?: string;
}
export interface ImportPreviewRow {
  /** Line of the file where the row starts (the header is line 1). */
  line: number;
  cells: ImportPreviewCell[];
  /** A reason not tied to a column (unreadable row, too many columns). */
  rowError?: string;
}
export interface ImportPreviewDto {
  headers: string[];
  columns: (ImportField | null)[];
  rows: ImportPreviewRow[];
}

