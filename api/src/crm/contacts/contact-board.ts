/**
 * Kanban of the contacts by status: per column the count (in the database, scoped) and a page of
 * cards in the list's sort order; more cards with a cursor (last card's sort value and id).
 */
import type { Request } from 'express';
import mongoose from 'mongoose';
import type { Filter } from '../../authz/index.js';
import { scoped } from '../../authz/scoped.js';
import { CONTACT_STATUSES, type ContactColumnDto, type ContactDto, type ContactStatus } from '../../contracts/index.js';
import { HttpError } from '../../http/errors.js';
import { Contact, type ContactDoc } from './contact.model.js';

type SortField = 'createdAt' | 'lastName' | 'qualityScore';
export interface BoardSort {
  field: SortField;
  dir: 1 | -1;
}

export function boardSortOf(sort: string): BoardSort {
  return { field: sort.replace(/^-/, '') as SortField, dir: sort.startsWith('-') ? -1 : 1 };
}

function sortValue(c: ContactDoc, field: SortField): string | number {
  if (field === 'createdAt') return (c as unknown as { createdAt: Date }).createdAt.toISOString();
  if (field === 'qualityScore') return c.qualityScore ?? 0;
  return c.lastName;
}

function encodeCursor(c: ContactDoc, sort: BoardSort): string {
  return Buffer.from(JSON.stringify([sortValue(c, sort.field), String(c._id)])).toString('base64url');
}

const badCursor = () =>
  new HttpError(422, 'Position de pagination invalide : rechargez le tableau.', [
    { path: 'cursor', message: 'Curseur invalide.' },
  ]);

/** Cards strictly after the cursor in the (field, _id) order of the sort. */
function cursorCondition(cursor: string, { field, dir }: BoardSort): Filter {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[1] !== 'string' || !mongoose.isObjectIdOrHexString(raw[1]))
    throw badCursor();
  const [rawValue, rawId] = raw as [unknown, string];
  let value: Date | string | number;
  if (field === 'createdAt') {
    value = new Date(String(rawValue));
    if (typeof rawValue !== 'string' || Number.isNaN(value.getTime())) throw badCursor();
  } else if (field === 'qualityScore') {
    if (typeof rawValue !== 'number' || !Number.isFinite(rawValue)) throw badCursor();
    value = rawValue;
  } else {
    if (typeof rawValue !== 'string') throw badCursor();
    value = rawValue;
  }
  const op = dir === 1 ? '$gt' : '$lt';
  const id = new mongoose.Types.ObjectId(rawId);
  return { $or: [{ [field]: { [op]: value } }, { [field]: value, _id: { [op]: id } }] };
}

/** One page of a column, among the contacts the caller reads that meet the conditions. */
export async function columnPage(
  req: Request,
  conditions: Filter[],
  status: ContactStatus,
  sort: BoardSort,
  limit: number,
  toDto: (c: ContactDoc) => ContactDto,
  cursor?: string,
): Promise<ContactColumnDto> {
  if (limit === 0) return { items: [], nextCursor: null };
  const and: Filter[] = [...conditions, { status }];
  if (cursor) and.push(cursorCondition(cursor, sort));
  const rows = await scoped(req, 'read', Contact)
    .find({ $and: and })
    .sort({ [sort.field]: sort.dir, _id: sort.dir })
    .limit(limit + 1)
    .populate('assignedTo', 'firstName lastName avatarUrl');
  const page = rows.slice(0, limit);
  return {
    items: page.map(toDto),
    nextCursor: rows.length > limit && page.length ? encodeCursor(page[page.length - 1]!, sort) : null,
  };
}

/** Contacts per status among those the caller reads that meet the conditions, counted in the database. */
export async function statusCounts(req: Request, conditions: Filter[]): Promise<Record<ContactStatus, number>> {
  const contacts = scoped(req, 'read', Contact);
  const counts = await Promise.all(
    CONTACT_STATUSES.map((status) => contacts.countDocuments({ $and: [...conditions, { status }] })),
  );
  return Object.fromEntries(CONTACT_STATUSES.map((s, i) => [s, counts[i]!])) as Record<ContactStatus, number>;
}
