import { Router } from 'express';
import { audit, AuditLog } from '../../audit/audit.js';
import { can, requirePermission, scopeFilter, type Filter } from '../../authz/index.js';
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
import { softDeleteRoutes } from '../../http/soft-delete.js';
import { idParam, parse } from '../../http/validate.js';
import { toUserSummary, User, type UserDoc } from '../../team/user.model.js';
import { refreshCompanies, type CompanyLink } from '../companies/index.js';
import { decideCompanyLink, linkWrittenContact } from '../companies/index.js';
import { changeEvents, ContactEvent, recordContactEvents } from './contact-events.js';
import { Contact, searchTextOf, type ContactDoc } from './contact.model.js';
import { contactFilterConditions, contactInsightsDto, scopedContacts as scoped } from './contact.query.js';
import { computeQuality, qualityFields, qualityOf } from './quality.js';

const ASSIGNEE_FIELDS = 'firstName lastName avatarUrl';

export function toContactDto(c: ContactDoc): ContactDto {
  const assignee = c.assignedTo as unknown as UserDoc | null;
  return {
    id: String(c._id),
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email ?? undefined,
    phone: c.phone ?? undefined,
    companyName: c.companyName ?? undefined,
    companyId: c.companyId ? String(c.companyId) : null,
    companyLink: companyLinkDto(c),
    jobTitle: c.jobTitle ?? undefined,
    siret: c.siret ?? undefined,
    manager: c.manager ?? undefined,
    address: c.address ?? undefined,
    postalCode: c.postalCode ?? undefined,
    city: c.city ?? undefined,
    country: c.country ?? undefined,
    status: c.status,
    source: c.source ?? undefined,
    tags: c.tags ?? [],
    qualityScore: c.qualityScore ?? 0,
    ...contactInsightsDto(c),
    assignedTo: assignee && typeof assignee === 'object' && 'firstName' in assignee ? toUserSummary(assignee) : null,
    createdAt: (c as unknown as { createdAt: Date }).createdAt.toISOString(),
    updatedAt: (c as unknown as { updatedAt: Date }).updatedAt.toISOString(),
  };
}

function companyLinkDto(c: ContactDoc): ContactDto['companyLink'] {
  const link = c.companyLink as CompanyLink | null | undefined;
  if (!link) return null;
  return {
    companyId: String(link.companyId),
    status: link.status,
    by: link.by ? { id: String(link.by), name: link.byName ?? '' } : null,
    at: link.at.toISOString(),
  };
}

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
  const mod = 'crm' as const;

  router.get('/', requirePermission(mod, 'read', 'Contact'), async (req, res) => {
    const q = parse(contactListQuerySchema, req.query);
    const and: Filter[] = [scoped(req, 'read'), ...contactFilterConditions(q)];
    const filter = { $and: and };
    const sortField = q.sort.replace(/^-/, '');
    const sort: Record<string, 1 | -1> = { [sortField]: q.sort.startsWith('-') ? -1 : 1, _id: -1 };
    const [items, total] = await Promise.all([
      Contact.find(filter)
        .sort(sort)
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .populate('assignedTo', ASSIGNEE_FIELDS),
      Contact.countDocuments(filter),
    ]);
    const body: Paginated<ContactDto> = { items: items.map(toContactDto), total, page: q.page, pageSize: q.pageSize };
    res.json(body);
  });

  router.get('/:id', requirePermission(mod, 'read', 'Contact'), async (req, res) => {
    const id = idParam(req);
    const c = await Contact.findOne({ $and: [{ _id: id }, scoped(req, 'read')] }).populate(
      'assignedTo',
      ASSIGNEE_FIELDS,
    );
    if (!c) throw notFound();
    res.json(toContactDto(c));
  });

  router.post('/', requirePermission(mod, 'create', 'Contact'), async (req, res) => {
    const input = parse(contactCreateSchema, req.body);
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
    res.status(201).json(toContactDto(c));
  });

  router.patch('/:id', requirePermission(mod, 'update', 'Contact'), async (req, res) => {
    const id = idParam(req);
    const input = parse(contactUpdateSchema, req.body);
    const c = await Contact.findOne({ $and: [{ _id: id }, scoped(req, 'update')] });
    if (!c) throw notFound();
    const before = { status: c.status };
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
    await recordContactEvents(req, changeEvents(c._id, before, { status: c.status }));
    await linkWrittenContact(req, c);
    await c.populate('assignedTo', ASSIGNEE_FIELDS);
    res.json(toContactDto(c));
  });

  router.post('/:id/assign', requirePermission(mod, 'assign', 'Contact'), async (req, res) => {
    const id = idParam(req);
    const { assignedTo } = parse(contactAssignSchema, req.body);
    await ensureAssignableMember(assignedTo);
    const c = await Contact.findOne({ $and: [{ _id: id }, scoped(req, 'assign')] });
    if (!c) throw notFound();
    const previous = c.assignedTo ? String(c.assignedTo) : null;
    c.assignedTo = assignedTo as never;
    await c.save();
    await recordContactEvents(req, changeEvents(c._id, { assignedTo: previous }, { assignedTo }));
    await linkWrittenContact(req, c);
    await audit(req, 'contact.assign', {
      subject: 'Contact',
      subjectId: id,
      details: { from: previous, to: assignedTo },
    });
    await c.populate('assignedTo', ASSIGNEE_FIELDS);
    res.json(toContactDto(c));
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
  router.post('/:id/company-link', requirePermission(mod, 'assign', 'Contact'), async (req, res) => {
    const id = idParam(req);
    const { decision } = parse(companyLinkDecisionSchema, req.body);
    const c = await Contact.findOne({ $and: [{ _id: id }, scoped(req, 'assign')] });
    if (!c) throw notFound();
    await decideCompanyLink(req, c, decision);
    await c.populate('assignedTo', ASSIGNEE_FIELDS);
    res.json(toContactDto(c));
  });

  /** RGPD: everything the portal holds about the person, as a JSON file (right of access). */
  router.get('/:id/rgpd', requirePermission(mod, 'export', 'Contact'), async (req, res) => {
    const id = idParam(req);
    const c = await Contact.findOne({ $and: [{ _id: id }, scoped(req, 'export')] }).populate(
      'assignedTo',
      ASSIGNEE_FIELDS,
    );
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
  });

  /**
   * RGPD: erasure (right to be forgotten). The record is removed for good — unlike DELETE, which can
   * be undone — and the names kept in earlier audit entries are wiped; the erasure itself is audited
   * without any personal data.
   */
  router.post('/:id/erase', requirePermission(mod, 'delete', 'Contact'), async (req, res) => {
    const id = idParam(req);
    const c = await Contact.findOneAndDelete({ $and: [{ _id: id }, scopeFilter(req, 'delete', 'Contact')] });
    if (!c) throw notFound();
    if (c.companyId) await refreshCompanies([c.companyId]);
    await ContactEvent.deleteMany({ contactId: id });
    await AuditLog.updateMany({ subject: 'Contact', subjectId: id }, { $unset: { details: 1 } });
    await audit(req, 'contact.erase', { subject: 'Contact', subjectId: id });
    res.json({ ok: true });
  });

  return router;
}
