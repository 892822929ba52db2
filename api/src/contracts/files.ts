/**
 * Shared files (avatars, attachments, generated PDFs): what each kind accepts, the DTO and the query
 * schemas of /api/files. A file belongs to an owner record, whose scope decides who sees it.
 */
import { z } from 'zod';

export const FILE_OWNER_SUBJECTS = ['Contact', 'Company', 'Deal', 'Activity'] as const;
export type FileOwnerSubject = (typeof FILE_OWNER_SUBJECTS)[number];

export const FILE_KINDS = ['avatar', 'attachment', 'generated_pdf'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

const MB = 1024 * 1024;
const IMAGES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const OFFICE = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
];

export interface FileKindRule {
  label: string;
  maxBytes: number;
  /** Types recognised from the content (never from the name or the declared type). */
  types: readonly string[];
  /** What the person is told the kind accepts. */
  accepts: string;
  /** Sent by a person through POST /api/files; otherwise only stored by the server. */
  uploadable: boolean;
}

export const FILE_KIND_RULES: Record<FileKind, FileKindRule> = {
  avatar: {
    label: 'Photo',
    maxBytes: 2 * MB,
    types: IMAGES,
    accepts: 'une image PNG, JPEG, WebP ou GIF',
    uploadable: true,
  },
  attachment: {
    label: 'Pièce jointe',
    maxBytes: 20 * MB,
    types: ['application/pdf', ...IMAGES, ...OFFICE, 'text/plain'],
    accepts: 'un PDF, une image, un document Office ou OpenDocument, ou un fichier texte',
    uploadable: true,
  },
  generated_pdf: {
    label: 'Document PDF',
    maxBytes: 20 * MB,
    types: ['application/pdf'],
    accepts: 'un PDF',
    uploadable: false,
  },
};

/** `Contact:<id>`: the record a file belongs to. */
export const fileOwnerField = z
  .string({ message: 'Indiquez le propriétaire du fichier (ex. Contact:<identifiant>).' })
  .regex(new RegExp(`^(${FILE_OWNER_SUBJECTS.join('|')}):[a-f\\d]{24}$`, 'i'), {
    message: `Propriétaire invalide : attendu ${FILE_OWNER_SUBJECTS.join(', ')} suivi de « : » et d’un identifiant.`,
  })
  .transform((value) => {
    const [subject, id] = value.split(':') as [FileOwnerSubject, string];
    return { subject, id };
  });

export const fileUploadQuerySchema = z
  .object({
    owner: fileOwnerField,
    kind: z.enum(FILE_KINDS, { message: `Type de fichier invalide : ${FILE_KINDS.join(', ')}.` }),
  })
  .strict();

export const fileListQuerySchema = z
  .object({
    owner: fileOwnerField,
    kind: z.enum(FILE_KINDS, { message: `Type de fichier invalide : ${FILE_KINDS.join(', ')}.` }).optional(),
  })
  .strict();

export interface FileDto {
  id: string;
  name: string;
  kind: FileKind;
  contentType: string;
  size: number;
  sha256: string;
  owner: { subject: FileOwnerSubject; id: string };
  uploadedBy: string | null;
  uploadedAt: string;
}
