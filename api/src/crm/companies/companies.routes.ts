/**
 * CRM → Entreprises: card list, map points, single company with its contacts and deals, admin edition.
 * Companies are made and kept up to date from the contacts (company-sync.ts); a sales rep reads
 * those that have at least one contact assigned to him (`contactOwners`, design/permissions.md).
 */
import codesNaf from '@socialgouv/codes-naf';
import { Router, type Request } from 'express';
import type mongoose from 'mongoose';
import { can, requirePermission, scopeFilter, type Filter } from '../../authz/index.js';
import {
  companyListQuerySchema,
  companyMapQuerySchema,
  companyUpdateSchema,
  escapeRegex,
  COMPANY_DETAIL_ACTIVITIES,
  type ActivityPriority,
  type ActivityStatus,
  type ActivityType,
  type CompanyActivityDto,
  type CompanyContactDto,
  type CompanyDealDto,
  type CompanyDetailDto,
  type CompanyDto,
  type CompanyFilters,
  type CompanyMapResponse,
  type ContactStatus,
  type DealStage,
  type GeoPrecision,
  type LegalForm,
  type Paginated,
} from '../../contracts/index.js';
import { HttpError, notFound } from '../../http/errors.js';
import { idParam, parse } from '../../http/validate.js';
import { toUserSummary, User } from '../../team/user.model.js';
import { positionOf } from './company-derive.js';
import { Activity } from '../activities/index.js';
import { Company, companySearchText, type CompanyAttrs } from './company.model.js';
import { Contact, foldText } from '../contacts/index.js';
import { Deal } from '../deals/index.js';

type LeanCompany = CompanyAttrs & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };

const NAF_LABELS = new Map(codesNaf.map((n) => [n.id, n.label]));

/** Scope of the caller AND not archived: the base of every company query. */
function scoped(req: Request, action: 'read' | 'update'): Filter {
  return { $and: [scopeFilter(req, action, 'Company'), { deletedAt: null }] };
}
const contactScope = (req: Request): Filter => ({ $and: [scopeFilter(req, 'read', 'Contact'), { deletedAt: null }] });
const dealScope = (req: Request): Filter => ({ $and: [scopeFilter(req, 'read', 'Deal'), { deletedAt: null }] });

/** The filters of the grid and the map, as query conditions (deals: those the caller may read). */
export async function filterConditions(req: Request, q: CompanyFilters): Promise<Filter[]> {
  const and: Filter[] = [scoped(req, 'read')];
  if (q.q) and.push({ searchText: { $regex: escapeRegex(foldText(q.q)) } });
  if (q.status) and.push({ status: q.status });
  if (q.industry) and.push({ industry: q.industry });
  if (q.department) and.push({ department: q.department });
  if (q.city) and.push({ city: { $regex: `^${escapeRegex(q.city)}$`, $options: 'i' } });
  if (q.hasDeals) {
    const ids = await Deal.distinct('companyId', { $and: [dealScope(req), { companyId: { $ne: null } }] });
    and.push({ _id: q.hasDeals === 'true' ? { $in: ids } : { $nin: ids } });
  }
  return and;
}

/**
 * Contacts and deals of these companies the caller may read, counted in one query each, and the
 * members those contacts are assigned to: all that the caller may know of a company's people (the
 * stored `contactCount` and `contactOwners` cover contacts out of his scope).
 */
export async function visibleCounts(req: Request, ids: mongoose.Types.ObjectId[]) {
  const [contacts, deals] = await Promise.all([
    Contact.find({ $and: [contactScope(req), { companyId: { $in: ids } }] }, { companyId: 1, assignedTo: 1 }).lean(),
    Deal.find({ $and: [dealScope(req), { companyId: { $in: ids } }] }, { companyId: 1 }).lean(),
  ]);
  const count = (rows: { companyId?: unknown }[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(String(r.companyId), (m.get(String(r.companyId)) ?? 0) + 1);
    return m;
  };
  const assignees = new Map<string, Set<string>>();
  for (const c of contacts) {
    if (!c.assignedTo) continue;
    const key = String(c.companyId);
    assignees.set(key, (assignees.get(key) ?? new Set()).add(String(c.assignedTo)));
  }
  return { contacts: count(contacts), deals: count(deals), assignees };
}
export type VisibleCounts = Awaited<ReturnType<typeof visibleCounts>>;

function toCompanyDto(
  c: LeanCompany,
  counts: { contacts: Map<string, number>; deals: Map<string, number> },
): CompanyDto {
  const id = String(c._id);
  return {
    id,
    name: c.name,
    siren: c.siren ?? undefined,
    siret: c.siret ?? undefined,
    nafCode: c.nafCode ?? undefined,
    industry: c.industry ?? undefined,
    headcount: c.headcount ?? undefined,
    revenue: c.revenue ?? undefined,
    legalForm: (c.legalForm as LegalForm | null) ?? undefined,
    address: c.address ?? undefined,
    postalCode: c.postalCode ?? undefined,
    city: c.city ?? undefined,
    communeCode: c.communeCode ?? undefined,
    department: c.department ?? undefined,
    lat: c.lat ?? undefined,
    lng: c.lng ?? undefined,
    geoPrecision: (c.geoPrecision as GeoPrecision | null) ?? undefined,
    status: c.status as ContactStatus,
    contactCount: counts.contacts.get(id) ?? 0,
    dealCount: counts.deals.get(id) ?? 0,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

async function detailOf(req: Request, c: LeanCompany): Promise<CompanyDetailDto> {
  const [contacts, deals] = await Promise.all([
    Contact.find(
      { $and: [contactScope(req), { companyId: c._id }] },
      { firstName: 1, lastName: 1, jobTitle: 1, email: 1, phone: 1, status: 1, assignedTo: 1 },
    )
      .sort({ lastName: 1, firstName: 1, _id: 1 })
      .lean(),
    Deal.find(
      { $and: [dealScope(req), { companyId: c._id }] },
      { title: 1, amount: 1, stage: 1, probability: 1, expectedCloseDate: 1, owner: 1 },
    )
      .sort({ expectedCloseDate: -1, _id: 1 })
      .lean(),
  ]);
  // Activities linked to the company or to one of its contacts the caller sees, in the caller's scope.
  const activityFilter = can(req, 'read', 'Activity')
    ? {
        $and: [
          scopeFilter(req, 'read', 'Activity'),
          { deletedAt: null },
          { $or: [{ companyId: c._id }, { contactId: { $in: contacts.map((x) => x._id) } }] },
        ],
      }
    : null;
  const [activities, activityTotal] = activityFilter
    ? await Promise.all([
        Activity.find(activityFilter, { type: 1, subject: 1, status: 1, priority: 1, dueAt: 1, contactName: 1, owner: 1 })
          .sort({ dueAt: -1, _id: -1 })
          .limit(COMPANY_DETAIL_ACTIVITIES)
          .lean(),
        Activity.countDocuments(activityFilter),
      ])
    : [[], 0];
  const memberIds = [
    ...new Set(
      [...contacts.map((x) => x.assignedTo), ...deals.map((d) => d.owner), ...activities.map((a) => a.owner)]
        .filter(Boolean)
        .map(String),
    ),
  ];
  const members = new Map(
    (await User.find({ _id: { $in: memberIds } }, { firstName: 1, lastName: 1, avatarUrl: 1 }).lean()).map((u) => [
      String(u._id),
      toUserSummary(u),
    ]),
  );
  const counts = {
    contacts: new Map([[String(c._id), contacts.length]]),
    deals: new Map([[String(c._id), deals.length]]),
  };
  return {
    ...toCompanyDto(c, counts),
    contacts: contacts.map((x): CompanyContactDto => ({
      id: String(x._id),
      firstName: x.firstName,
      lastName: x.lastName,
      jobTitle: x.jobTitle ?? undefined,
      email: x.email ?? undefined,
      phone: x.phone ?? undefined,
      status: x.status as ContactStatus,
      assignedTo: x.assignedTo ? (members.get(String(x.assignedTo)) ?? null) : null,
    })),
    deals: deals.map((d): CompanyDealDto => ({
      id: String(d._id),
      title: d.title,
      amount: d.amount,
      stage: d.stage as DealStage,
      probability: d.probability,
      expectedCloseDate: d.expectedCloseDate.toISOString().slice(0, 10),
      owner: members.get(String(d.owner)) ?? null,
    })),
    activities: activities.map((a): CompanyActivityDto => ({
      id: String(a._id),
      type: a.type as ActivityType,
      subject: a.subject,
      status: a.status as ActivityStatus,
      priority: a.priority as ActivityPriority,
      dueAt: a.dueAt.toISOString(),
      contactName: a.contactName ?? undefined,
      owner: members.get(String(a.owner)) ?? null,
    })),
    activityTotal,
  };
}

export function companiesRouter(): Router {
  const router = Router();
  const mod = 'crm' as const;

  router.get('/', requirePermission(mod, 'read', 'Company'), async (req, res) => {
    const q = parse(companyListQuerySchema, req.query);
    const filter = { $and: await filterConditions(req, q) };
    const sortField = q.sort.replace(/^-/, '');
    const sort: Record<string, 1 | -1> = { [sortField]: q.sort.startsWith('-') ? -1 : 1, _id: 1 };
    const [items, total] = await Promise.all([
      Company.find(filter)
        .sort(sort)
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<LeanCompany[]>(),
      Company.countDocuments(filter),
    ]);
    const counts = await visibleCounts(
      req,
      items.map((c) => c._id),
    );
    const body: Paginated<CompanyDto> = {
      items: items.map((c) => toCompanyDto(c, counts)),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
    res.json(body);
  });

  /** Every company in scope that has a position, as light points for the map. */
  router.get('/map', requirePermission(mod, 'read', 'Company'), async (req, res) => {
    const q = parse(companyMapQuerySchema, req.query);
    const and = await filterConditions(req, q);
    const [rows, withoutPosition] = await Promise.all([
      Company.find({ $and: [...and, { lat: { $ne: null } }] }, { name: 1, status: 1, lat: 1, lng: 1 }).lean(),
      Company.countDocuments({ $and: [...and, { lat: null }] }),
    ]);
    const body: CompanyMapResponse = {
      points: rows.map((c) => ({
        id: String(c._id),
        name: c.name,
        status: c.status as ContactStatus,
        lat: c.lat!,
        lng: c.lng!,
      })),
      withoutPosition,
    };
    res.json(body);
  });

  /** Industries of the companies in scope, for the filter. */
  router.get('/industries', requirePermission(mod, 'read', 'Company'), async (req, res) => {
    const values = await Company.distinct('industry', {
      $and: [scoped(req, 'read'), { industry: { $nin: [null, ''] } }],
    });
    res.json((values as string[]).sort((a, b) => a.localeCompare(b, 'fr')));
  });

  router.get('/:id', requirePermission(mod, 'read', 'Company'), async (req, res) => {
    const id = idParam(req);
    const c = await Company.findOne({ $and: [{ _id: id }, scoped(req, 'read')] }).lean<LeanCompany>();
    if (!c) throw notFound();
    res.json(await detailOf(req, c));
  });

  router.patch('/:id', requirePermission(mod, 'update', 'Company'), async (req, res) => {
    const id = idParam(req);
    const input = parse(companyUpdateSchema, req.body);
    const c = await Company.findOne({ $and: [{ _id: id }, scoped(req, 'update')] }).lean<LeanCompany>();
    if (!c) throw notFound();
    const set: Record<string, unknown> = {};
    const unset: Record<string, 1> = {};
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      if (value === null) unset[key] = 1;
      else set[key] = value;
    }
    if (typeof set.nafCode === 'string') {
      const label = NAF_LABELS.get(set.nafCode);
      if (!label)
        throw new HttpError(422, 'Certaines valeurs sont invalides.', [
          { path: 'nafCode', message: 'Code NAF inconnu.' },
        ]);
      // The NAF label names the industry unless one is typed.
      if (input.industry == null) {
        set.industry = label;
        delete unset.industry;
      }
    }
    const next = { ...c, ...set, ...Object.fromEntries(Object.keys(unset).map((k) => [k, null])) };
    const position = positionOf({ postalCode: next.postalCode, city: next.city }, c.geoKey);
    Object.assign(set, position);
    set.searchText = companySearchText(next);
    await Company.updateOne({ _id: id }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) });
    const updated = await Company.findById(id).lean<LeanCompany>();
    res.json(await detailOf(req, updated!));
  });

  return router;
}
