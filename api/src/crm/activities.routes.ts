/**
 * CRM → Activités: timeline list, calendar feed, create/edit, complete/cancel, undoable delete.
 * Admins see the whole team's activities, a sales rep only his own (scope on `owner`).
 */
import { Router, type Request } from 'express';
import type { z } from 'zod';
import { audit } from '../audit/audit.js';
import { can, requirePermission, scopeFilter, type Filter } from '../authz/index.js';
import { RolePermission } from '../authz/role-permission.model.js';
import {
  accentInsensitivePattern,
  activityCalendarQuerySchema,
  activityCreateSchema,
  activityListQuerySchema,
  activityShortcutSchema,
  activityUpdateSchema,
  type ActivityCalendarItem,
  type ActivityCalendarResponse,
  type ActivityDto,
  type ActivityStatus,
  type Paginated,
  type Role,
} from '../contracts/index.js';
import { forbidden, HttpError, notFound } from '../http/errors.js';
import { softDeleteRoutes } from '../http/soft-delete.js';
import { idParam, parse } from '../http/validate.js';
import { toUserSummary, User, type UserDoc } from '../team/user.model.js';
import { Activity, activitySearchText, remindAtOf, type ActivityAttrs, type ActivityDoc } from './activity.model.js';
import { Company } from './company.model.js';
import { Contact } from './contact.model.js';
import { Deal } from './deal.model.js';
import { recomputeQuality } from './quality.js';

const OWNER_FIELDS = 'firstName lastName avatarUrl';
/** Most activities the calendar feed returns for one range. */
export const CALENDAR_LIMIT = 1000;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);
const linked = (id: unknown, name: string | null | undefined) => (id ? { id: String(id), name: name ?? '' } : null);

/** What the calendar shows of an activity, and the start of its full DTO. */
function activityEssentials(a: Pick<ActivityAttrs, 'type' | 'subject' | 'priority' | 'status' | 'dueAt' | 'durationMinutes'> & { _id: unknown }) {
  return {
    id: String(a._id),
    type: a.type,
    subject: a.subject,
    priority: a.priority,
    status: a.status,
    dueAt: a.dueAt.toISOString(),
    durationMinutes: a.durationMinutes ?? undefined,
  };
}

export function toActivityDto(a: ActivityDoc): ActivityDto {
  const owner = a.owner as unknown as UserDoc | null;
  const call = a.aircall;
  return {
    ...activityEssentials(a),
    notes: a.notes ?? undefined,
    contact: linked(a.contactId, a.contactName),
    company: linked(a.companyId, a.companyName),
    deal: linked(a.dealId, a.dealName),
    owner: owner && typeof owner === 'object' && 'firstName' in owner ? toUserSummary(owner) : null,
    reminderMinutes: a.reminderMinutes ?? undefined,
    remindedAt: iso(a.remindedAt),
    source: a.source,
    aircall: call
      ? {
          callId: call.callId,
          direction: call.direction,
          phone: call.phone ?? undefined,
          recordingUrl: call.recordingUrl ?? undefined,
          durationSeconds: call.durationSeconds ?? undefined,
          missed: call.missed ?? false,
        }
      : undefined,
    completedAt: iso(a.completedAt),
    createdAt: (a as unknown as { createdAt: Date }).createdAt.toISOString(),
    updatedAt: (a as unknown as { updatedAt: Date }).updatedAt.toISOString(),
  };
}

/** Scope of the caller AND not deleted: the base of every activity query. */
function scoped(req: Request, action: 'read' | 'update' | 'delete'): Filter {
  return { $and: [scopeFilter(req, action, 'Activity'), { deletedAt: null }] };
}

/** The filters the list and the calendar share. */
function filterConditions(q: {
  type?: string;
  status?: string;
  priority?: string;
  owner?: string;
  contactId?: string;
  dealId?: string;
}): Filter[] {
  const and: Filter[] = [];
  if (q.type) and.push({ type: q.type });
  if (q.status) and.push({ status: q.status });
  if (q.priority) and.push({ priority: q.priority });
  if (q.owner) and.push({ owner: q.owner });
  if (q.contactId) and.push({ contactId: q.contactId });
  if (q.dealId) and.push({ dealId: q.dealId });
  return and;
}

/** The conditions of the list (and of its export), scope aside. */
export function activityListConditions(q: z.output<typeof activityListQuerySchema>): Filter[] {
  const and = filterConditions(q);
  if (q.from) and.push({ dueAt: { $gte: new Date(q.from) } });
  if (q.to) and.push({ dueAt: { $lt: new Date(q.to) } });
  if (q.q) and.push({ searchText: { $regex: accentInsensitivePattern(q.q) } });
  return and;
}

export function activityListSort(q: { sort: string }): Record<string, 1 | -1> {
  const direction = q.sort.startsWith('-') ? -1 : 1;
  return { dueAt: direction, _id: direction };
}

/** Roles that work in the CRM: their members may own activities. */
export async function crmRoles(): Promise<Role[]> {
  return (await RolePermission.find({ modules: 'crm' }, { role: 1 }).lean()).map((r) => r.role);
}

/** A new owner must be an active member whose role works in the CRM. */
async function ensureOwnerCandidate(id: string): Promise<void> {
  const member = await User.exists({ _id: id, status: 'active', role: { $in: await crmRoles() } });
  if (!member)
    throw new HttpError(422, "Le membre choisi n'existe pas, n'est plus actif ou n'a pas accès au CRM.", [
      { path: 'owner', message: 'Membre inconnu, inactif ou sans accès au CRM.' },
    ]);
}

/** A linked record that does not exist or that the caller may not read: 422 on its field. */
const unreachable = (path: string, what: string, chosen = 'choisi') =>
  new HttpError(422, `${what} ${chosen} n'existe pas ou vous n'y avez pas accès.`, [{ path, message: `${what} introuvable.` }]);

type LinkInput = { contactId?: string | null; companyId?: string | null; dealId?: string | null };
type LinkFields = {
  contactId?: string | null;
  contactName?: string;
  companyId?: string | null;
  companyName?: string;
  dealName?: string;
};

/** A contact the caller may read but not update: no activity of his may be linked to it. */
const readOnlyContact = () =>
  new HttpError(
    403,
    'Ce contact ne vous est pas assigné : vous ne pouvez pas y rattacher une activité. Demandez à un administrateur de vous l’assigner.',
    [{ path: 'contactId', message: 'Contact non assigné à vous.' }],
  );

/** Whether the caller may update this contact (scope inside the query). */
async function mayUpdateContact(req: Request, contactId: unknown): Promise<boolean> {
  return Boolean(await Contact.exists({ $and: [{ _id: contactId }, scopeFilter(req, 'update', 'Contact')] }));
}

/**
 * Checks the linked records and takes their names. The caller must be able to read the deal and the
 * company. The contact is written to by the activity — its quality score counts the completed
 * activities with it (quality.ts), which is the only write an activity makes on another record — so
 * linking a contact needs the right to update it: reading it (an unassigned contact, for a sales rep)
 * is not enough (403). A deal brings its contact when none is given and the activity has none
 * (`current.hasContact`), if the caller may update that contact; a contact brings its company unless
 * one is given. Only the links present in `input` are resolved; keeping the activity's current
 * contact (`current.contactId`) is no new link.
 */
async function resolveLinks(
  req: Request,
  input: LinkInput,
  current: { hasContact?: boolean; contactId?: string | null } = {},
): Promise<LinkFields> {
  const hasContact = Boolean(current.hasContact);
  const out: LinkFields = {};
  if (input.dealId) {
    const deal = await Deal.findOne(
      { $and: [{ _id: input.dealId, deletedAt: null }, scopeFilter(req, 'read', 'Deal')] },
      { title: 1, contactId: 1 },
    ).lean();
    if (!deal) throw unreachable('dealId', 'Le deal');
    out.dealName = deal.title;
    if (input.contactId === undefined && !hasContact && (await mayUpdateContact(req, deal.contactId)))
      out.contactId = String(deal.contactId);
  } else if (input.dealId === null) out.dealName = undefined;

  const contactId = input.contactId !== undefined ? input.contactId : out.contactId;
  // Keeping the current contact is no new link: nothing to check, nothing to copy again.
  if (contactId && contactId !== current.contactId) {
    const contact = await Contact.findOne(
      { $and: [{ _id: contactId, deletedAt: null }, scopeFilter(req, 'read', 'Contact')] },
      { firstName: 1, lastName: 1, companyName: 1, companyId: 1 },
    ).lean();
    if (!contact) throw unreachable('contactId', 'Le contact');
    if (!(await mayUpdateContact(req, contact._id))) throw readOnlyContact();
    out.contactName = `${contact.firstName} ${contact.lastName}`;
    if (input.companyId === undefined) {
      out.companyId = contact.companyId ? String(contact.companyId) : null;
      out.companyName = contact.companyName ?? undefined;
    }
  } else if (contactId === null) {
    out.contactName = undefined;
    if (input.companyId === undefined) {
      out.companyId = null;
      out.companyName = undefined;
    }
  }

  if (input.companyId) {
    const company = await Company.findOne(
      { $and: [{ _id: input.companyId, deletedAt: null }, scopeFilter(req, 'read', 'Company')] },
      { name: 1 },
    ).lean();
    if (!company) throw unreachable('companyId', "L'entreprise", 'choisie');
    out.companyName = company.name;
  } else if (input.companyId === null) out.companyName = undefined;
  return out;
}

/** Fields derived from the others, kept up to date on every write. */
function refreshDerived(a: ActivityDoc, now = new Date()): void {
  const remindAt = remindAtOf(a);
  const before = a.remindAt ? a.remindAt.getTime() : null;
  if ((remindAt?.getTime() ?? null) !== before) {
    a.remindAt = remindAt;
    // Rescheduled to a later time: remind again.
    if (remindAt && remindAt > now) a.remindedAt = null;
  }
  if (a.status === 'completed') a.completedAt ??= now;
  else a.completedAt = null;
  a.searchText = activitySearchText(a);
}

async function changeStatus(req: Request, status: ActivityStatus) {
  const id = idParam(req);
  const a = await Activity.findOne({ $and: [{ _id: id }, scoped(req, 'update')] });
  if (!a) throw notFound();
  a.status = status;
  refreshDerived(a);
  await a.save();
  await recomputeQuality([a.contactId]);
  await a.populate('owner', OWNER_FIELDS);
  return toActivityDto(a);
}

export function activitiesRouter(): Router {
  const router = Router();
  const mod = 'crm' as const;

  router.get('/', requirePermission(mod, 'read', 'Activity'), async (req, res) => {
    const q = parse(activityListQuerySchema, req.query);
    const filter = { $and: [scoped(req, 'read'), ...activityListConditions(q)] };
    const [items, total] = await Promise.all([
      Activity.find(filter)
        .sort(activityListSort(q))
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .populate('owner', OWNER_FIELDS),
      Activity.countDocuments(filter),
    ]);
    const body: Paginated<ActivityDto> = { items: items.map(toActivityDto), total, page: q.page, pageSize: q.pageSize };
    res.json(body);
  });

  /** Activities due in [from, to), light payload, for the calendar. */
  router.get('/calendar', requirePermission(mod, 'read', 'Activity'), async (req, res) => {
    const q = parse(activityCalendarQuerySchema, req.query);
    const filter = {
      $and: [scoped(req, 'read'), ...filterConditions(q), { dueAt: { $gte: new Date(q.from), $lt: new Date(q.to) } }],
    };
    const docs = await Activity.find(filter, {
      type: 1,
      subject: 1,
      priority: 1,
      status: 1,
      dueAt: 1,
      durationMinutes: 1,
      contactName: 1,
      owner: 1,
    })
      .sort({ dueAt: 1, _id: 1 })
      .limit(CALENDAR_LIMIT + 1)
      .lean();
    const items: ActivityCalendarItem[] = docs.slice(0, CALENDAR_LIMIT).map((a) => ({
      ...activityEssentials(a),
      contactName: a.contactName ?? undefined,
      ownerId: String(a.owner),
    }));
    const body: ActivityCalendarResponse = { items, truncated: docs.length > CALENDAR_LIMIT };
    res.json(body);
  });

  router.get('/:id', requirePermission(mod, 'read', 'Activity'), async (req, res) => {
    const id = idParam(req);
    const a = await Activity.findOne({ $and: [{ _id: id }, scoped(req, 'read')] }).populate('owner', OWNER_FIELDS);
    if (!a) throw notFound();
    res.json(toActivityDto(a));
  });

  router.post('/', requirePermission(mod, 'create', 'Activity'), async (req, res) => {
    const input = parse(activityCreateSchema, req.body);
    const me = req.auth!.user;
    let owner = String(me._id);
    if (input.owner !== undefined && input.owner !== owner) {
      if (!can(req, 'assign', 'Activity'))
        throw forbidden('Seuls les administrateurs peuvent créer une activité pour un autre membre.');
      await ensureOwnerCandidate(input.owner);
      owner = input.owner;
    }
    const links = await resolveLinks(req, input);
    const a = new Activity({
      ...input,
      ...links,
      dueAt: new Date(input.dueAt),
      owner,
      source: 'manual',
      createdBy: me._id,
    });
    refreshDerived(a);
    await a.save();
    await recomputeQuality([a.contactId]);
    await a.populate('owner', OWNER_FIELDS);
    res.status(201).json(toActivityDto(a));
  });

  router.patch('/:id', requirePermission(mod, 'update', 'Activity'), async (req, res) => {
    const id = idParam(req);
    const input = parse(activityUpdateSchema, req.body);
    const a = await Activity.findOne({ $and: [{ _id: id }, scoped(req, 'update')] });
    if (!a) throw notFound();
    const previousOwner = String(a.owner);
    const previousContact = a.contactId;
    if (input.owner !== undefined && input.owner !== previousOwner) {
      if (!can(req, 'assign', 'Activity')) throw forbidden('Seuls les administrateurs peuvent changer le propriétaire.');
      await ensureOwnerCandidate(input.owner);
    }
    // Fields sent as "" or null are cleared; others replaced.
    for (const key of Object.keys((req.body ?? {}) as Record<string, unknown>)) {
      const value = (input as Record<string, unknown>)[key];
      if (key === 'dueAt') a.dueAt = new Date(value as string);
      else a.set(key, value === undefined ? undefined : value);
    }
    const links = await resolveLinks(req, input, {
      hasContact: Boolean(a.contactId),
      contactId: previousContact ? String(previousContact) : null,
    });
    for (const [key, value] of Object.entries(links)) a.set(key, value);
    refreshDerived(a);
    await a.save();
    await recomputeQuality([previousContact, a.contactId]);
    if (String(a.owner) !== previousOwner)
      await audit(req, 'activity.owner_change', { subject: 'Activity', subjectId: id, details: { from: previousOwner, to: String(a.owner) } });
    await a.populate('owner', OWNER_FIELDS);
    res.json(toActivityDto(a));
  });

  router.post('/:id/complete', requirePermission(mod, 'update', 'Activity'), async (req, res) => {
    parse(activityShortcutSchema, req.body);
    res.json(await changeStatus(req, 'completed'));
  });

  router.post('/:id/cancel', requirePermission(mod, 'update', 'Activity'), async (req, res) => {
    parse(activityShortcutSchema, req.body);
    res.json(await changeStatus(req, 'cancelled'));
  });

  softDeleteRoutes<ActivityDoc>(router, {
    module: mod,
    subject: 'Activity',
    model: Activity,
    base: '/api/crm/activities',
    audit: { delete: 'activity.delete', restore: 'activity.restore' },
    describe: (a) => ({ subject: a.subject }),
    afterChange: async (_req, a) => void (await recomputeQuality([a.contactId])),
    restored: async (_req, a) => toActivityDto(await a.populate('owner', OWNER_FIELDS)),
  });

  return router;
}
