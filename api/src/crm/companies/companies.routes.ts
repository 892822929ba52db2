/**
 * CRM → Entreprises: card list, map points, single company with its contacts and deals, admin edition.
 * Companies are made and kept up to date from the contacts (company-sync.ts); a sales rep reads
 * those that have at least one contact assigned to him (`contactOwners`, design/permissions.md).
 */
import codesNaf from '@socialgouv/codes-naf';
import { Router, type Request } from 'express';
import { can, requirePermission } from '../../authz/index.js';
import { allOf, scoped } from '../../authz/scoped.js';
import {
  companyListQuerySchema,
  companyMapQuerySchema,
  companyUpdateSchema,
  COMPANY_DETAIL_ACTIVITIES,
  type CompanyDetailDto,
  type CompanyDto,
  type CompanyMapResponse,
  type ContactStatus,
  type Paginated,
} from '../../contracts/index.js';
import { HttpError, notFound } from '../../http/errors.js';
import { idParams, routeTable } from '../../http/route.js';
import { toUserSummary, User } from '../../team/user.model.js';
import { positionOf } from './company-derive.js';
import { Activity } from '../activities/index.js';
import { Contact } from '../contacts/index.js';
import { Deal } from '../deals/index.js';
import { toCompanyDetailDto, toCompanyDto, type LeanCompany } from './company.mapper.js';
import { Company, companySearchText } from './company.model.js';
import { companyFilterConditions, visibleCounts } from './company.query.js';

const NAF_LABELS = new Map(codesNaf.map((n) => [n.id, n.label]));

/** The company with the contacts, deals and activities of it the caller may read. */
async function detailOf(req: Request, c: LeanCompany): Promise<CompanyDetailDto> {
  const [contacts, deals] = await Promise.all([
    scoped(req, 'read', Contact)
      .find(
        { companyId: c._id },
        { firstName: 1, lastName: 1, jobTitle: 1, email: 1, phone: 1, status: 1, assignedTo: 1 },
      )
      .sort({ lastName: 1, firstName: 1, _id: 1 })
      .lean(),
    scoped(req, 'read', Deal)
      .find({ companyId: c._id }, { title: 1, amount: 1, stage: 1, probability: 1, expectedCloseDate: 1, owner: 1 })
      .sort({ expectedCloseDate: -1, _id: 1 })
      .lean(),
  ]);
  // Activities linked to the company or to one of its contacts the caller sees, in the caller's scope.
  const activityOf = { $or: [{ companyId: c._id }, { contactId: { $in: contacts.map((x) => x._id) } }] };
  const visibleActivities = can(req, 'read', 'Activity') ? scoped(req, 'read', Activity) : null;
  const [activities, activityTotal] = visibleActivities
    ? await Promise.all([
        visibleActivities
          .find(activityOf, { type: 1, subject: 1, status: 1, priority: 1, dueAt: 1, contactName: 1, owner: 1 })
          .sort({ dueAt: -1, _id: -1 })
          .limit(COMPANY_DETAIL_ACTIVITIES)
          .lean(),
        visibleActivities.countDocuments(activityOf),
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
  return toCompanyDetailDto(c, { contacts, deals, activities, activityTotal, members });
}

export function companiesRouter(): Router {
  const router = Router();
  const r = routeTable(router);
  const mod = 'crm' as const;

  r.get('/', {
    access: requirePermission(mod, 'read', 'Company'),
    query: companyListQuerySchema,
    handler: async ({ req, query: q }): Promise<Paginated<CompanyDto>> => {
      const companies = scoped(req, 'read', Company);
      const conditions = allOf(await companyFilterConditions(req, q));
      const sortField = q.sort.replace(/^-/, '');
      const sort: Record<string, 1 | -1> = { [sortField]: q.sort.startsWith('-') ? -1 : 1, _id: 1 };
      const [items, total] = await Promise.all([
        companies
          .find(conditions)
          .sort(sort)
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .lean<LeanCompany[]>(),
        companies.countDocuments(conditions),
      ]);
      const counts = await visibleCounts(
        req,
        items.map((c) => c._id),
      );
      return { items: items.map((c) => toCompanyDto(c, counts)), total, page: q.page, pageSize: q.pageSize };
    },
  });

  /** Every company in scope that has a position, as light points for the map. */
  r.get('/map', {
    access: requirePermission(mod, 'read', 'Company'),
    query: companyMapQuerySchema,
    handler: async ({ req, query: q }): Promise<CompanyMapResponse> => {
      const companies = scoped(req, 'read', Company);
      const and = await companyFilterConditions(req, q);
      const [rows, withoutPosition] = await Promise.all([
        companies.find({ $and: [...and, { lat: { $ne: null } }] }, { name: 1, status: 1, lat: 1, lng: 1 }).lean(),
        companies.countDocuments({ $and: [...and, { lat: null }] }),
      ]);
      return {
        points: rows.map((c) => ({
          id: String(c._id),
          name: c.name,
          status: c.status as ContactStatus,
          lat: c.lat!,
          lng: c.lng!,
        })),
        withoutPosition,
      };
    },
  });

  /** Industries of the companies in scope, for the filter. */
  r.get('/industries', {
    access: requirePermission(mod, 'read', 'Company'),
    handler: async ({ req }) => {
      const values = await scoped(req, 'read', Company).distinct('industry', { industry: { $nin: [null, ''] } });
      return (values as string[]).sort((a, b) => a.localeCompare(b, 'fr'));
    },
  });

  r.get('/:id', {
    access: requirePermission(mod, 'read', 'Company'),
    params: idParams,
    handler: async ({ req, params }) => {
      const c = await scoped(req, 'read', Company).findById(params.id).lean<LeanCompany>();
      if (!c) throw notFound();
      return detailOf(req, c);
    },
  });

  r.patch('/:id', {
    access: requirePermission(mod, 'update', 'Company'),
    params: idParams,
    body: companyUpdateSchema,
    handler: async ({ req, params, body: input }) => {
      const companies = scoped(req, 'update', Company);
      const c = await companies.findById(params.id).lean<LeanCompany>();
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
      const updated = await companies
        .findByIdAndUpdate(
          params.id,
          { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
          { returnDocument: 'after' },
        )
        .lean<LeanCompany>();
      if (!updated) throw notFound();
      return detailOf(req, updated);
    },
  });

  return router;
}
