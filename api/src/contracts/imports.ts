/**
 * CRM → Contacts → Importer: the contact fields a CSV column can fill, the header synonyms of the
 * automatic mapping, the status words, the configuration of a run and the DTOs the wizard reads.
 */
import { z } from 'zod';
import { MAX_TAGS, tagField, type ContactStatus } from './contacts.js';
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
 * Header synonyms, French and English, including the exports of common CRMs and address books
 * (Outlook, Google Contacts, HubSpot, Salesforce, Pipedrive). Compared with `headerKey`, so case,
 * accents, spaces and punctuation do not matter. The first column matching a field wins.
 */
const SYNONYMS: Record<ImportField, string[]> = {
  firstName: ['prenom', 'prénom usuel', 'first name', 'firstname', 'given name', 'prénom du contact', 'contact first name'],
  lastName: ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'family name', 'nom du contact', 'contact last name'],
  fullName: ['nom complet', 'full name', 'fullname', 'name', 'display name', 'contact', 'contact name', 'prénom nom', 'nom prénom', 'person'],
  email: [
    'email', 'e-mail', 'mail', 'courriel', 'adresse e-mail', 'adresse email', 'adresse mail', 'adresse électronique',
    'e-mail address', 'email address', 'e-mail 1 - value', 'e-mail 1 - valeur', 'email 1', 'primary email', 'work email',
    'e-mail professionnel', 'email professionnel', 'business email',
  ],
  phone: [
    'telephone', 'téléphone', 'tel', 'tél', 'tél.', 'numéro de téléphone', 'téléphone mobile', 'mobile', 'portable',
    'téléphone portable', 'gsm', 'mobile phone', 'phone', 'phone number', 'business phone', 'téléphone professionnel',
    'téléphone bureau', 'work phone', 'phone 1 - value', 'téléphone 1 - valeur', 'cell', 'cell phone', 'primary phone',
  ],
  companyName: [
    'entreprise', 'société', 'societe', 'company', 'company name', 'organisation', 'organization', 'raison sociale',
    "nom de l'entreprise", 'nom entreprise', 'nom de la société', 'employeur', 'organization 1 - name',
    'organisation 1 - nom', 'account name', 'compte', 'structure',
  ],
  jobTitle: [
    'poste', 'fonction', 'job title', 'jobtitle', 'intitulé du poste', 'intitulé de poste', 'position',
    'organization 1 - title', 'organisation 1 - titre', 'rôle', 'role',
  ],
  siret: ['siret', 'n° siret', 'numéro siret', 'no siret', 'siret entreprise', 'siret de la société'],
  manager: ['gérant', 'gerant', 'dirigeant', 'représentant légal', 'gérant de la société', 'nom du gérant'],
  address: [
    'adresse', 'address', 'adresse postale', 'rue', 'street', 'street address', 'business street', 'rue (bureau)',
    'address 1 - street', 'adresse 1 - rue', 'adresse ligne 1', 'address line 1', 'mailing street',
  ],
  postalCode: [
    'code postal', 'cp', 'zip', 'zip code', 'postal code', 'postcode', 'business postal code', 'code postal (bureau)',
    'address 1 - postal code', 'adresse 1 - code postal', 'mailing zip/postal code',
  ],
  city: [
    'ville', 'city', 'commune', 'localité', 'business city', 'ville (bureau)', 'address 1 - city', 'adresse 1 - ville',
    'mailing city',
  ],
  country: [
    'pays', 'country', 'country/region', 'pays/région', 'business country/region', 'pays/région (bureau)',
    'address 1 - country', 'adresse 1 - pays', 'mailing country',
  ],
  status: ['statut', 'status', 'lifecycle stage', 'étape du cycle de vie', 'type de contact', 'lead status', 'statut du lead'],
  source: ['source', 'origine', 'lead source', 'source du lead', 'source du contact', 'canal', "canal d'acquisition"],
  tags: ['tags', 'tag', 'étiquettes', 'étiquette', 'labels', 'label', 'mots-clés', 'mots clés', 'catégories', 'categories', 'group membership'],
  notes: ['notes', 'note', 'remarques', 'remarque', 'commentaires', 'commentaire', 'comments', 'comment', 'observations', 'remarks', 'mémo', 'memo'],
};

const SYNONYM_INDEX = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const s of SYNONYMS[field]) if (!SYNONYM_INDEX.has(headerKey(s))) SYNONYM_INDEX.set(headerKey(s), field);

/** The field of each column from its header (null: not imported); a field is taken by one column at most. */
export function autoMapColumns(headers: string[]): (ImportField | null)[] {
  const taken = new Set<ImportField>();
  return headers.map((h) => {
    const field = SYNONYM_INDEX.get(headerKey(h));
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** Status words of other tools, French and English, any case: "Client", "customer", "Prospects"… */
const STATUS_WORDS: Record<string, ContactStatus> = {
  lead: 'lead', leads: 'lead', piste: 'lead', nouveau: 'lead', new: 'lead', subscriber: 'lead', abonne: 'lead',
  prospect: 'prospect', prospects: 'prospect', qualifie: 'prospect', qualified: 'prospect', opportunite: 'prospect',
  opportunity: 'prospect', marketingqualifiedlead: 'prospect', salesqualifiedlead: 'prospect', mql: 'prospect', sql: 'prospect',
  client: 'client', clients: 'client', cliente: 'client', customer: 'client', customers: 'client',
};

/** The status a cell means; undefined when the word is unknown. An empty cell means "lead". */
export function parseImportStatus(value: string): ContactStatus | undefined {
  const key = headerKey(value);
  if (!key) return 'lead';
  return STATUS_WORDS[key];
}

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
  } | null;
  counts: ImportCounts;
  progress: {
    processed: number;
    rowsPerSecond: number;
    /** Seconds left at the current pace; null until it can be estimated. */
    etaSeconds: number | null;
  };
  error?: string;
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

