/**
 * CRM → Activités: timeline list, calendar feed, create/edit, complete/cancel, undoable delete.
 * Admins see the whole team's activities, a sales rep only his own (scope on `owner`).
 */
import { Router, type Request } from 'express';
import type { Types } from 'mongoose';
import { audit } from '../../audit/audit.js';
import { can, requirePermission } from '../../authz/index.js';
import { scoped } from '../../authz/scoped.js';
import {
  activityCalendarQuerySchema,
  activityCreateSchema,
  activityListQuerySchema,
  activityShortcutSchema,
  activityUpdateSchema,
  type ActivityCalendarResponse,
  type ActivityDto,
  type ActivityStatus,
  type Paginated,
} from '../../contracts/index.js';
import { forbidden, notFound } from '../../http/errors.js';
import { idParams, routeTable } from '../../http/route.js';
import { softDeleteRoutes } from '../../http/soft-delete.js';
import { ensureOwnerCandidate, resolveLinks } from './activity-links.js';
import { activityEssentials, OWNER_FIELDS, toActivityDto } from './activity.mapper.js';
import { Activity, activitySearchText, remindAtOf, type ActivityAttrs, type ActivityDoc } from './activity.model.js';
import { activityListConditions, activityListSort, filterConditions } from './activity.query.js';
import { recomputeQuality } from '../contacts/index.js';

/** Most activities the calendar feed returns for one range. */
export const CALENDAR_LIMIT = 1000;

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

type CalendarRow = Pick<
  ActivityAttrs,
  'type' | 'subject' | 'priority' | 'status' | 'dueAt' | 'durationMinutes' | 'contactName' | 'owner'
> & { _id: Types.ObjectId };

/** Completes or cancels one of the caller's activities. */
async function changeStatus(req: Request, id: string, status: ActivityStatus): Promise<ActivityDto> {
  const a = await scoped(req, 'update', Activity).findById(id);
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
  const r = routeTable(router);
  const mod = 'crm' as const;

  r.get('/', {
    access: requirePermission(mod, 'read', 'Activity'),
    query: activityListQuerySchema,
    handler: async ({ req, query: q }): Promise<Paginated<ActivityDto>> => {
      const activities = scoped(req, 'read', Activity);
      const conditions = { $and: activityListConditions(q) };
      const [items, total] = await Promise.all([
        activities
          .find(conditions)
          .sort(activityListSort(q))
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .populate('owner', OWNER_FIELDS),
        activities.countDocuments(conditions),
      ]);
      return { items: items.map(toActivityDto), total, page: q.page, pageSize: q.pageSize };
    },
  });

  /** Activities due in [from, to), light payload, for the calendar. */
  r.get('/calendar', {
    access: requirePermission(mod, 'read', 'Activity'),
    query: activityCalendarQuerySchema,
    handler: async ({ req, query: q }): Promise<ActivityCalendarResponse> => {
      const conditions = { $and: [...filterConditions(q), { dueAt: { $gte: new Date(q.from), $lt: new Date(q.to) } }] };
      const docs = await scoped(req, 'read', Activity)
        .find(conditions, {
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
        .lean<CalendarRow[]>();
      const items = docs.slice(0, CALENDAR_LIMIT).map((a) => ({
        ...activityEssentials(a),
        contactName: a.contactName ?? undefined,
        ownerId: String(a.owner),
      }));
      return { items, truncated: docs.length > CALENDAR_LIMIT };
    },
  });

  r.get('/:id', {
    access: requirePermission(mod, 'read', 'Activity'),
    params: idParams,
    handler: async ({ req, params }) => {
      const a = await scoped(req, 'read', Activity).findById(params.id).populate('owner', OWNER_FIELDS);
      if (!a) throw notFound();
      return toActivityDto(a);
    },
  });

  r.post('/', {
    access: requirePermission(mod, 'create', 'Activity'),
    body: activityCreateSchema,
    status: 201,
    handler: async ({ req, body: input }) => {
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
      return toActivityDto(a);
    },
  });

  r.patch('/:id', {
    access: requirePermission(mod, 'update', 'Activity'),
    params: idParams,
    body: activityUpdateSchema,
    handler: async ({ req, params, body: input }) => {
      const a = await scoped(req, 'update', Activity).findById(params.id);
      if (!a) throw notFound();
      const previousOwner = String(a.owner);
      const previousContact = a.contactId;
      if (input.owner !== undefined && input.owner !== previousOwner) {
        if (!can(req, 'assign', 'Activity'))
          throw forbidden('Seuls les administrateurs peuvent changer le propriétaire.');
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
        await audit(req, 'activity.owner_change', {
          subject: 'Activity',
          subjectId: params.id,
          details: { from: previousOwner, to: String(a.owner) },
        });
      await a.populate('owner', OWNER_FIELDS);
      return toActivityDto(a);
    },
  });

  r.post('/:id/complete', {
    access: requirePermission(mod, 'update', 'Activity'),
    params: idParams,
    body: activityShortcutSchema,
    handler: ({ req, params }) => changeStatus(req, params.id, 'completed'),
  });

  r.post('/:id/cancel', {
    access: requirePermission(mod, 'update', 'Activity'),
    params: idParams,
    body: activityShortcutSchema,
    handler: ({ req, params }) => changeStatus(req, params.id, 'cancelled'),
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
