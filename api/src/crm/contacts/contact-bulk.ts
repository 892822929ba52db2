/**
 * Bulk actions on selected contacts (assign, add a tag, change the status, delete). The caller's scope
 * is inside every query: ids outside it are simply not touched. Each action keeps, server-side, the
 * value every changed contact had before (`bulk_undos`), so that its author can undo it for 10 minutes;
 * an undo puts back only the contacts still as the action left them (compare-and-set), never
 * overwriting a later change. FerretDB v1 has no TTL index: expiry is checked in the query, and old
 * entries are swept when new ones are written.
 */
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import mongoose, { Schema, type Types } from 'mongoose';
import { audit } from '../../audit/audit.js';
import { can, type Filter } from '../../authz/index.js';
import { scoped } from '../../authz/scoped.js';
import {
  BULK_ACTIONS,
  BULK_UNDO_SECONDS,
  MAX_TAGS,
  type Action,
  type BulkAction,
  type ContactBulkInput,
  type ContactBulkResult,
  type ContactBulkUndoResult,
} from '../../contracts/index.js';
import { forbidden, notFound } from '../../http/errors.js';
import { refreshCompanies } from '../companies/index.js';
import { changeEvents, recordContactEvents, type ContactEventInput } from './contact-events.js';
import { Contact } from './contact.model.js';

const previousSchema = new Schema(
  { id: { type: Schema.Types.ObjectId, required: true }, value: { type: String, default: null } },
  { _id: false },
);
const bulkUndoSchema = new Schema({
  token: { type: String, required: true },
  owner: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  action: { type: String, enum: BULK_ACTIONS, required: true },
  /** The value the action set: status, tag, member id (null: unassigned), or the deletion date. */
  value: { type: Schema.Types.Mixed, default: null },
  previous: { type: [previousSchema], default: [] },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date, default: null },
});
bulkUndoSchema.index({ token: 1 }, { unique: true });
bulkUndoSchema.index({ expiresAt: 1 });
export const BulkUndo = mongoose.model('BulkUndo', bulkUndoSchema, 'bulk_undos');

/** The permission each action needs on the contacts it touches. */
const ABILITY: Record<BulkAction, Action> = {
  assign: 'assign',
  addTag: 'update',
  status: 'update',
  delete: 'delete',
};
const REFUSED: Record<BulkAction, string> = {
  assign: 'Seuls les administrateurs peuvent assigner des contacts.',
  addTag: 'Votre rôle ne permet pas de modifier des contacts.',
  status: 'Votre rôle ne permet pas de modifier des contacts.',
  delete: 'Seuls les administrateurs peuvent supprimer des contacts.',
};

interface Plan {
  /** Condition of the contacts the action changes (on top of ids and scope). */
  pending: Filter;
  update: Record<string, unknown>;
  /** The value of the contact before, as stored for the undo. */
  before: (c: Row) => string | null;
  value: unknown;
}

interface Row {
  _id: Types.ObjectId;
  status: string;
  assignedTo?: Types.ObjectId | null;
  companyId?: Types.ObjectId | null;
}

function planOf(input: ContactBulkInput, now: Date): Plan {
  switch (input.action) {
    case 'assign':
      return {
        pending: { assignedTo: { $ne: input.assignedTo } },
        update: { $set: { assignedTo: input.assignedTo } },
        before: (c) => (c.assignedTo ? String(c.assignedTo) : null),
        value: input.assignedTo,
      };
    case 'addTag':
      // A contact already holding the most tags allowed is left as it is.
      return {
        pending: { tags: { $ne: input.tag }, [`tags.${MAX_TAGS - 1}`]: { $exists: false } },
        update: { $addToSet: { tags: input.tag } },
        before: () => null,
        value: input.tag,
      };
    case 'status':
      return {
        pending: { status: { $ne: input.status } },
        update: { $set: { status: input.status } },
        before: (c) => c.status,
        value: input.status,
      };
    case 'delete':
      return { pending: {}, update: { $set: { deletedAt: now } }, before: () => null, value: now };
  }
}

function eventsOf(
  action: BulkAction,
  rows: { id: Types.ObjectId; from: string | null; to: string | null }[],
): ContactEventInput[] {
  if (action !== 'status' && action !== 'assign') return [];
  return rows.flatMap((r) =>
    action === 'status'
      ? changeEvents(r.id, { status: r.from }, { status: r.to })
      : changeEvents(r.id, { assignedTo: r.from }, { assignedTo: r.to }),
  );
}

/** Companies derive status, owners and counters from their contacts: refresh those touched. */
async function refreshCompaniesOf(rows: Row[]): Promise<void> {
  await refreshCompanies(rows.map((r) => r.companyId).filter((id): id is Types.ObjectId => !!id));
}

export async function runBulk(
  req: Request,
  input: ContactBulkInput,
  ensureMember: (id: string | null) => Promise<void>,
): Promise<ContactBulkResult> {
  const ability = ABILITY[input.action];
  if (!can(req, ability, 'Contact')) throw forbidden(REFUSED[input.action]);
  if (input.action === 'assign') await ensureMember(input.assignedTo);
  const now = new Date();
  const ids = [...new Set(input.ids)];
  const plan = planOf(input, now);
  const contacts = scoped(req, ability, Contact);
  const rows = await contacts
    .find({ $and: [{ _id: { $in: ids } }, plan.pending] }, { status: 1, assignedTo: 1, companyId: 1 })
    .lean<Row[]>();
  const empty: ContactBulkResult = { action: input.action, done: 0, skipped: ids.length, previous: [], undo: null };
  if (!rows.length) return empty;

  const changed = rows.map((r) => r._id);
  await contacts.updateMany({ $and: [{ _id: { $in: changed } }, plan.pending] }, plan.update);
  const previous = rows.map((r) => ({ id: String(r._id), value: plan.before(r) }));

  await recordContactEvents(
    req,
    eventsOf(
      input.action,
      rows.map((r) => ({ id: r._id, from: plan.before(r), to: plan.value as string | null })),
    ),
    now,
  );
  if (input.action !== 'addTag') await refreshCompaniesOf(rows);

  await BulkUndo.deleteMany({ expiresAt: { $lt: now } });
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + BULK_UNDO_SECONDS * 1000);
  await BulkUndo.create({
    token,
    owner: req.auth!.user._id,
    action: input.action,
    value: plan.value,
    previous: previous.map((p) => ({ id: p.id, value: p.value })),
    createdAt: now,
    expiresAt,
  });
  await audit(req, 'contact.bulk', {
    subject: 'Contact',
    details: { action: input.action, count: rows.length, value: plan.value, ids: previous.map((p) => p.id) },
  });
  return {
    action: input.action,
    done: rows.length,
    skipped: ids.length - rows.length,
    previous,
    undo: { token, expiresAt: expiresAt.toISOString() },
  };
}

export async function undoBulk(req: Request, token: string): Promise<ContactBulkUndoResult> {
  const now = new Date();
  // Claimed once, by its author, before it expires.
  const entry = await BulkUndo.findOneAndUpdate(
    { token, owner: req.auth!.user._id, usedAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now } },
  ).lean();
  if (!entry) throw notFound('Cette action ne peut plus être annulée (délai dépassé ou déjà annulée).');
  const action = entry.action as BulkAction;
  const ability = ABILITY[action];
  if (!can(req, ability, 'Contact')) throw forbidden(REFUSED[action]);
  const ids = entry.previous.map((p) => p.id);
  const value = entry.value as string | Date | null;

  // Still as the action left them, and still in the caller's scope (deleted ones: those it deleted).
  const contacts = scoped(req, ability, Contact, { deleted: action === 'delete' ? 'include' : 'exclude' });
  let still: Filter;
  if (action === 'delete') still = { deletedAt: value };
  else if (action === 'addTag') still = { tags: value };
  else if (action === 'status') still = { status: value };
  else still = { assignedTo: value };

  const rows = await contacts
    .find({ $and: [{ _id: { $in: ids } }, still] }, { status: 1, assignedTo: 1, companyId: 1 })
    .lean<Row[]>();
  const before = new Map(entry.previous.map((p) => [String(p.id), p.value ?? null]));
  let restored = 0;
  if (action === 'delete' || action === 'addTag') {
    const res = await contacts.updateMany(
      { $and: [{ _id: { $in: rows.map((r) => r._id) } }, still] },
      action === 'delete' ? { $set: { deletedAt: null } } : { $pull: { tags: value } },
    );
    restored = res.modifiedCount;
  } else {
    // One update per previous value.
    const groups = new Map<string | null, Types.ObjectId[]>();
    for (const r of rows) {
      const v = before.get(String(r._id)) ?? null;
      groups.set(v, [...(groups.get(v) ?? []), r._id]);
    }
    const field = action === 'status' ? 'status' : 'assignedTo';
    for (const [v, group] of groups) {
      const res = await contacts.updateMany({ $and: [{ _id: { $in: group } }, still] }, { $set: { [field]: v } });
      restored += res.modifiedCount;
    }
    await recordContactEvents(
      req,
      eventsOf(
        action,
        rows.map((r) => ({ id: r._id, from: value as string | null, to: before.get(String(r._id)) ?? null })),
      ),
      now,
    );
  }
  if (action !== 'addTag') await refreshCompaniesOf(rows);
  await audit(req, 'contact.bulk_undo', {
    subject: 'Contact',
    details: { action, count: restored, ids: rows.map((r) => String(r._id)) },
  });
  return { action, restored };
}
