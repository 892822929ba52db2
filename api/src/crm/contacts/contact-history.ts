/**
 * The interaction history of a contact: its activities, the e-mails sent to it (outbox messages whose
 * `meta.contactId` is the contact), its deals, and its dated changes (contact_events), merged newest
 * first. Activities and deals obey the caller's own scope on them (a sales rep sees his own only).
 * Paginated by cursor over the total order (date desc, kind desc, id desc): each source is asked for
 * the items strictly after the cursor, so no item is skipped or repeated between pages.
 */
import type { Request } from 'express';
import mongoose, { type Model, type Types } from 'mongoose';
import { can, type Filter } from '../../authz/index.js';
import { scoped } from '../../authz/scoped.js';
import {
  CONTACT_STATUS_LABELS,
  isContactStatus,
  type ContactHistoryPage,
  type HistoryItem,
  type UserSummary,
} from '../../contracts/index.js';
import { HttpError } from '../../http/errors.js';
import { OutboxMessage } from '../../outbox/outbox.js';
import { toUserSummary, User } from '../../team/user.model.js';
import { Activity } from '../activities/index.js';
import { ContactEvent } from './contact-events.js';
import { Deal } from '../deals/index.js';

/** Tie-break order of the kinds (an item of a later kind comes first at the same instant). */
const KINDS = ['activity', 'deal', 'email', 'event'] as const;
type Kind = (typeof KINDS)[number];

interface Cursor {
  at: Date;
  kind: number;
  id: Types.ObjectId;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any> & { _id: Types.ObjectId };

interface Source {
  kind: Kind;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>;
  dateField: string;
  filter: Filter;
}

function encodeCursor(at: Date, kind: Kind, id: Types.ObjectId): string {
  return Buffer.from(JSON.stringify([at.toISOString(), kind, String(id)])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const [at, kind, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, Kind, string];
    const date = new Date(at);
    const k = KINDS.indexOf(kind);
    if (Number.isNaN(date.getTime()) || k < 0 || !mongoose.isObjectIdOrHexString(id)) throw new Error('bad cursor');
    return { at: date, kind: k, id: new mongoose.Types.ObjectId(id) };
  } catch {
    throw new HttpError(422, "Position dans l'historique invalide : rechargez l'historique.", [
      { path: 'cursor', message: 'Curseur invalide.' },
    ]);
  }
}

/** Items of a source strictly after the cursor in (date desc, kind desc, id desc). */
function afterCursor(source: Source, c: Cursor): Filter {
  const k = KINDS.indexOf(source.kind);
  const f = source.dateField;
  if (k < c.kind) return { [f]: { $lte: c.at } };
  if (k > c.kind) return { [f]: { $lt: c.at } };
  return { $or: [{ [f]: { $lt: c.at } }, { [f]: c.at, _id: { $lt: c.id } }] };
}

async function summaries(ids: unknown[]): Promise<Map<string, UserSummary>> {
  const unique = [...new Set(ids.filter(Boolean).map(String))].filter((id) => mongoose.isObjectIdOrHexString(id));
  if (!unique.length) return new Map();
  const users = await User.find({ _id: { $in: unique } }, { firstName: 1, lastName: 1, avatarUrl: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), toUserSummary(u)]));
}

function sources(req: Request, contactId: Types.ObjectId): Source[] {
  const list: Source[] = [
    { kind: 'event', model: ContactEvent, dateField: 'at', filter: { contactId } },
    {
      kind: 'email',
      model: OutboxMessage,
      dateField: 'createdAt',
      filter: { channel: 'email', 'meta.contactId': { $in: [String(contactId), contactId] } },
    },
  ];
  if (can(req, 'read', 'Activity'))
    list.push({
      kind: 'activity',
      model: Activity,
      dateField: 'dueAt',
      // The sources are merged by one generic query per model: each takes the builder's condition.
      filter: scoped(req, 'read', Activity).where({ contactId }),
    });
  if (can(req, 'read', 'Deal'))
    list.push({
      kind: 'deal',
      model: Deal,
      dateField: 'createdAt',
      filter: scoped(req, 'read', Deal).where({ contactId }),
    });
  return list;
}

/** One page of the history of a contact the caller may read (checked by the route). */
export async function contactHistory(
  req: Request,
  contactId: string,
  limit: number,
  cursor?: string,
): Promise<ContactHistoryPage> {
  const id = new mongoose.Types.ObjectId(contactId);
  const c = cursor ? decodeCursor(cursor) : undefined;
  const fetched = await Promise.all(
    sources(req, id).map(async (s) => {
      const rows = await s.model
        .find(c ? { $and: [s.filter, afterCursor(s, c)] } : s.filter)
        .sort({ [s.dateField]: -1, _id: -1 })
        .limit(limit + 1)
        .lean<Row[]>();
      return rows.map((row) => ({ kind: s.kind, at: row[s.dateField] as Date, row }));
    }),
  );
  const merged = fetched
    .flat()
    .sort(
      (a, b) =>
        b.at.getTime() - a.at.getTime() ||
        KINDS.indexOf(b.kind) - KINDS.indexOf(a.kind) ||
        (String(b.row._id) > String(a.row._id) ? 1 : String(b.row._id) < String(a.row._id) ? -1 : 0),
    );
  const page = merged.slice(0, limit);
  const users = await summaries(
    page.flatMap(({ row }) => [
      row.owner,
      row.createdBy,
      row.by,
      ...(row.type === 'assignment' ? [row.from, row.to] : []),
    ]),
  );
  const user = (v: unknown) => (v ? (users.get(String(v)) ?? null) : null);
  const memberLabel = (v: string | null) => {
    if (!v) return 'Non assigné';
    const u = users.get(v);
    return u ? `${u.firstName} ${u.lastName}` : 'Membre supprimé';
  };

  const items = page.map(({ kind, at, row }): HistoryItem => {
    const base = { key: `${kind}:${String(row._id)}`, id: String(row._id), at: at.toISOString() };
    switch (kind) {
      case 'activity':
        return {
          ...base,
          kind,
          type: row.type,
          subject: row.subject,
          status: row.status,
          durationMinutes: row.durationMinutes ?? undefined,
          notes: row.notes ?? undefined,
          owner: user(row.owner),
        };
      case 'email':
        return { ...base, kind, subject: row.subject ?? '(sans objet)', to: row.to ?? [], by: user(row.createdBy) };
      case 'deal':
        return { ...base, kind, title: row.title, stage: row.stage, amount: row.amount, owner: user(row.owner) };
      case 'event': {
        const label = (v: string | null): string | null => {
          if (v === null) return row.type === 'assignment' ? 'Non assigné' : null;
          if (row.type === 'assignment') return memberLabel(v);
          if (row.type === 'solvency') return `${v}/100`;
          if (row.type === 'enrichment') return v === 'demo' ? 'Pappers (démo)' : 'Pappers';
          return isContactStatus(v) ? CONTACT_STATUS_LABELS[v] : v;
        };
        return {
          ...base,
          kind,
          type: row.type,
          from: row.from ?? null,
          to: row.to ?? null,
          fromLabel: label(row.from ?? null),
          toLabel: label(row.to ?? null),
          by: user(row.by),
        };
      }
    }
  });
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: merged.length > limit && last ? encodeCursor(last.at, last.kind, last.row._id) : null,
  };
}
