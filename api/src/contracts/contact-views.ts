/** Ways to look at the contacts: kanban board by status, tag suggestions, saved filters. */
import { z } from 'zod';
import {
  CONTACT_SORTS,
  CONTACT_STATUSES,
  contactFilterFields,
  type ContactDto,
  type ContactStatus,
} from './contacts.js';

// ——— Kanban board ———

/** Cards per column on the first load and per "load more". */
export const CONTACT_BOARD_PAGE = 20;

const { status: _status, ...boardFilterFields } = contactFilterFields;

export const contactBoardQuerySchema = z
  .object({
    ...boardFilterFields,
    sort: z.enum(CONTACT_SORTS).default('-createdAt'),
    limit: z.coerce.number().int().min(0).max(100).default(CONTACT_BOARD_PAGE),
  })
  .strict();
export type ContactBoardQuery = z.input<typeof contactBoardQuerySchema>;

export const contactColumnQuerySchema = z
  .object({
    ...boardFilterFields,
    sort: z.enum(CONTACT_SORTS).default('-createdAt'),
    limit: z.coerce.number().int().min(1).max(100).default(CONTACT_BOARD_PAGE),
    cursor: z.string().max(300).optional(),
  })
  .strict();
export type ContactColumnQuery = z.input<typeof contactColumnQuerySchema>;

export interface ContactColumnDto {
  items: ContactDto[];
  /** Pass it as `cursor` for the next cards of the column; null when none is left. */
  nextCursor: string | null;
}

export interface ContactBoardDto {
  columns: (ContactColumnDto & { status: ContactStatus; count: number })[];
}

export const isContactStatus = (v: unknown): v is ContactStatus => CONTACT_STATUSES.includes(v as ContactStatus);

// ——— Tags ———

export const contactTagsQuerySchema = z
  .object({
    q: z.string().trim().max(40).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export interface TagSuggestion {
  tag: string;
  /** Contacts in the caller's scope carrying it. */
  count: number;
}

// ——— Saved filters ———

export const SAVED_FILTER_SCREENS = ['contacts'] as const;
export type SavedFilterScreen = (typeof SAVED_FILTER_SCREENS)[number];
/** Most saved filters a member keeps per screen. */
export const MAX_SAVED_FILTERS = 50;

/** What a saved filter of the contacts list holds: its filters, sort and view — never a page. */
export const contactSavedQuerySchema = z
  .object({
    ...contactFilterFields,
    sort: z.enum(CONTACT_SORTS).optional(),
    vue: z.enum(['liste', 'kanban']).optional(),
  })
  .strict();
export type ContactSavedQuery = z.infer<typeof contactSavedQuerySchema>;

export const savedFilterListQuerySchema = z.object({ screen: z.enum(SAVED_FILTER_SCREENS) }).strict();

export const savedFilterCreateSchema = z
  .object({
    screen: z.enum(SAVED_FILTER_SCREENS, { message: 'Écran inconnu.' }),
    name: z
      .string({ message: 'Le nom est obligatoire.' })
      .trim()
      .min(1, { message: 'Le nom est obligatoire.' })
      .max(60, { message: 'Le nom : 60 caractères au maximum.' }),
    query: contactSavedQuerySchema,
  })
  .strict();
export type SavedFilterCreateInput = z.input<typeof savedFilterCreateSchema>;

export interface SavedFilterDto {
  id: string;
  screen: SavedFilterScreen;
  name: string;
  query: ContactSavedQuery;
  createdAt: string;
}
