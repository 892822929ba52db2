/** CRM → Contacts: list, single contact, creation, edition, assignment, company link, RGPD, undoable delete. */
import { Router } from 'express';
import { audit, AuditLog } from '../../audit/audit.js';
import { can, requirePermission } from '../../authz/index.js';
import { allOf, scoped } from '../../authz/scoped.js';
import {
  companyLinkDecisionSchema,
  contactAssignSchema,
  contactCreateSchema,
  contactListQuerySchema,
  contactUpdateSchema,
  type ContactDto,
  type Paginated,
} from '../../contracts/index.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import { idParams, routeTable } from '../../http/route.js';
import { softDeleteRoutes } from '../../http/soft-delete.js';
import { User } from '../../team/user.model.js';
import { decideCompanyLink, linkWrittenContact, refreshCompanies } from '../companies/index.js';
import { changeEvents, ContactEvent, recordContactEvents } from './contact-events.js';
import { ASSIGNEE_FIELDS, toContactDto } from './contact.mapper.js';
import { Contact, searchTextOf, type ContactDoc } from './contact.model.js';
import { contactFilterConditions, contactListSort } from './contact.query.js';
import { computeQuality, qualityFields, qualityOf } from './quality.js';

export async function ensureAssignableMember(id: string | null): Promise<void> {
  if (id === null) return;
  const member = await User.exists({ _id: id, status: 'active' });
  if (!member)
    throw new HttpError(422, "Le commercial choisi n'existe pas ou n'est plus actif.", [
      { path: 'assignedTo', message: 'Membre inconnu ou inactif.' },
    ]);
}

export function contactsRouter(): Router {
  const router = Router();
  const r = routeTable(router);
  const mod = 'crm' as const;

  r.get('/', {
    access: requirePermission(mod, 'read', 'Contact'),
    query: contactListQuerySchema,
    handler: async ({ req, query: q }): Promise<Paginated<ContactDto>> => {
      const contacts = scoped(req, 'read', Contact);
      const conditions = allOf(contactFilterConditions(q));
      const [items, total] = await Promise.all([
        contacts
          .find(conditions)
          .sort(contactListSort(q))
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .populate('assignedTo', ASSIGNEE_FIELDS),
        contacts.countDocuments(conditions),
      ]);
      return { items: items.map(toContactDto), total, page: q.page, pageSize: q.pageSize };
    },
  });

  r.get('/:id', {
    access: requirePermission(mod, 'read', 'Contact'),
    params: idParams,
    handler: async ({ req, params }) => {
      const c = await scoped(req, 'read', Contact).findById(params.id).populate('assignedTo', ASSIGNEE_FIELDS);
      if (!c) throw notFound();
      return toContactDto(c);
    },
  });

  r.post('/', {
    access: requirePermission(mod, 'create', 'Contact'),
    body: contactCreateSchema,
    status: 201,
    handler: async ({ req, body: input }) => {
      const me = req.auth!.user;
      let assignedTo: string | null = String(me._id);
      if (input.assignedTo !== undefined) {
        if (!can(req, 'assign', 'Contact') && input.assignedTo !== String(me._id))
          throw forbidden('Seuls les administrateurs peuvent assigner un contact à un autre commercial.');
        await ensureAssignableMember(input.assignedTo);
        assignedTo = input.assignedTo;
      }
      const data = { ...input, assignedTo, tags: input.tags ?? [] };
      const c = await Contact.create({
        ...data,
        createdBy: me._id,
        ...qualityFields(computeQuality(data)),
        searchText: searchTextOf(data),
      });
      await recordContactEvents(req, [{ contactId: c._id, type: 'created', to: c.status }]);
      await linkWrittenContact(req, c);
      await c.populate('assignedTo', ASSIGNEE_FIELDS);
      return toContactDto(c);
    },
  });

  r.patch('/:id', {
    access: requirePermission(mod, 'update', 'Contact'),
    params: idParams,
    body: contactUpdateSchema,
    handler: async ({ req, params, body: input }) => {
      const c = await scoped(req, 'update', Contact).findById(params.id);
      if (!c) throw notFound();
      const before = { status: c.status, notes: c.notes ?? null };
      // Fields sent as "" are cleared; others replaced.
      const raw = (req.body ?? {}) as Record<string, unknown>;
      for (const key of Object.keys(raw)) {
        const value = (input as Record<string, unknown>)[key];
        c.set(key, value === undefined ? undefined : value);
      }
      const plain = c.toObject() as Record<string, unknown>;
      c.set(qualityFields(await qualityOf(c)));
      c.set('searchText', searchTextOf(plain));
      await c.save();
      await recordContactEvents(req, changeEvents(c._id, before, { status: c.status, notes: c.notes ?? null }));
      await linkWrittenContact(req, c);
      await c.populate('assignedTo', ASSIGNEE_FIELDS);
      return toContactDto(c);
    },
  });

  r.post('/:id/assign', {
    access: requirePermission(mod, 'assign', 'Contact'),
    params: idParams,
    body: contactAssignSchema,
    handler: async ({ req, params, body: { assignedTo } }) => {
      await ensureAssignableMember(assignedTo);
      const c = await scoped(req, 'assign', Contact).findById(params.id);
      if (!c) throw notFound();
      const previous = c.assignedTo ? String(c.assignedTo) : null;
      c.assignedTo = assignedTo as never;
      await c.save();
      await recordContactEvents(req, changeEvents(c._id, { assignedTo: previous }, { assignedTo }));
      await linkWrittenContact(req, c);
      await audit(req, 'contact.assign', {
        subject: 'Contact',
        subjectId: params.id,
        details: { from: previous, to: assignedTo },
      });
      await c.populate('assignedTo', ASSIGNEE_FIELDS);
      return toContactDto(c);
    },
  });

  softDeleteRoutes<ContactDoc>(router, {
    module: mod,
    subject: 'Contact',
    model: Contact,
    base: '/api/crm/contacts',
    audit: { delete: 'contact.delete', restore: 'contact.restore' },
    describe: (c) => ({ name: `${c.firstName} ${c.lastName}` }),
    afterChange: linkWrittenContact,
    restored: async (_req, c) => toContactDto(await c.populate('assignedTo', ASSIGNEE_FIELDS)),
  });

  /** An administrator approves or refuses a contact's waiting link to an existing company. */
  r.post('/:id/company-link', {
    access: requirePermission(mod, 'assign', 'Contact'),
    params: idParams,
    body: companyLinkDecisionSchema,
    handler: async ({ req, params, body: { decision } }) => {
      const c = await scoped(req, 'assign', Contact).findById(params.id);
      if (!c) throw notFound();
      await decideCompanyLink(req, c, decision);
      await c.populate('assignedTo', ASSIGNEE_FIELDS);
      return toContactDto(c);
    },
  });

  /** RGPD: everything the portal holds about the person, as a JSON file (right of access). */
  r.get('/:id/rgpd', {
    access: requirePermission(mod, 'export', 'Contact'),
    params: idParams,
    handler: async ({ req, res, params: { id } }) => {
      const c = await scoped(req, 'export', Contact).findById(id).populate('assignedTo', ASSIGNEE_FIELDS);
      if (!c) throw notFound();
      const history = await AuditLog.find(
        { subject: 'Contact', subjectId: id },
        { _id: 0, at: 1, action: 1, actorEmail: 1 },
      )
        .sort({ at: 1 })
        .lean();
      await audit(req, 'contact.rgpd_export', { subject: 'Contact', subjectId: id });
      const name = `${c.firstName}-${c.lastName}`.normalize('NFD').replace(/[^\w-]+/g, '');
      res
        .type('application/json')
        .attachment(`donnees-personnelles-${name}.json`)
        .send(JSON.stringify({ exportedAt: new Date().toISOString(), contact: toContactDto(c), history }, null, 2));
    },
  });

  /**
   * RGPD: erasure (right to be forgotten). The record is removed for good — unlike DELETE, which can
   * be undone — and the names kept in earlier audit entries are wiped; the erasure itself is audited
   * without any personal data. A contact deleted (and still undoable) can be erased too.
   */
  r.post('/:id/erase', {
    access: requirePermission(mod, 'delete', 'Contact'),
    params: idParams,
    handler: async ({ req, params: { id } }) => {
      const c = await scoped(req, 'delete', Contact, { deleted: 'include' }).findByIdAndDelete(id);
      if (!c) throw notFound();
      if (c.companyId) await refreshCompanies([c.companyId]);
      await ContactEvent.deleteMany({ contactId: id });
      await AuditLog.updateMany({ subject: 'Contact', subjectId: id }, { $unset: { details: 1 } });
      await audit(req, 'contact.erase', { subject: 'Contact', subjectId: id });
      return { ok: true };
    },
  });

  return router;
}
