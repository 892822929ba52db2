/**
 * CSV / Excel exports of the CRM lists: `GET /api/crm/exports/<subject>?format=csv|xlsx&<list filters>`.
 * Same filters and order as the list screen, within the caller's `export` scope (and the `export`
 * permission of the subject), streamed from a cursor, audited with the number of rows.
 */
import { Router, type Request } from 'express';
import type { Model } from 'mongoose';
import { z } from 'zod';
import { audit, type AuditAction } from '../audit/audit.js';
import { requirePermission, type Filter } from '../authz/index.js';
import { allOf, scoped } from '../authz/scoped.js';
import {
  activityListQuerySchema,
  companyListQuerySchema,
  contactListQuerySchema,
  dealListQuerySchema,
  type Subject,
} from '../contracts/index.js';
import { Activity, activityListConditions, activityListSort } from '../crm/activities/index.js';
import { Company, companyFilterConditions, visibleCounts } from '../crm/companies/index.js';
import { Contact, contactFilterConditions } from '../crm/contacts/index.js';
import { Deal, dealListConditions, dealListSort } from '../crm/deals/index.js';
import { routeTable } from '../http/route.js';
import { parse } from '../http/validate.js';
import { User } from '../team/user.model.js';
import {
  activityColumns,
  companyColumns,
  contactColumns,
  dealColumns,
  type CompanyRow,
  type MemberNames,
} from './columns.js';
import { sendSpreadsheet, SPREADSHEET_FORMATS, type Column } from './spreadsheet.js';

interface ExportDefinition {
  subject: Subject;
  audit: AuditAction;
  /** File name (before the date) and sheet name. */
  fileName: string;
  sheetName: string;
  model: Model<never>;
  /** The list's filters and order, from its own query schema (scope and deletion aside). */
  query(req: Request, query: unknown): Promise<{ and: Filter[]; sort: Record<string, 1 | -1> }>;
  columns(names: MemberNames): Column<never>[];
  /** Completes a batch of rows with what depends on the caller (scoped counts…), before they are written. */
  complete?(req: Request, rows: never[]): Promise<void>;
}

/** The rows of a cursor, completed batch by batch (`complete`), still streamed. */
async function* completedRows<T>(rows: AsyncIterable<T>, complete: (batch: T[]) => Promise<void>): AsyncIterable<T> {
  let batch: T[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length < EXPORT_BATCH) continue;
    await complete(batch);
    yield* batch;
    batch = [];
  }
  if (batch.length) {
    await complete(batch);
    yield* batch;
  }
}

const EXPORT_BATCH = 500;

const sortOf = (sort: string, tie: 1 | -1 = -1): Record<string, 1 | -1> => ({
  [sort.replace(/^-/, '')]: sort.startsWith('-') ? -1 : 1,
  _id: tie,
});

const EXPORTS: Record<string, ExportDefinition> = {
  contacts: {
    subject: 'Contact',
    audit: 'contact.export',
    fileName: 'contacts',
    sheetName: 'Contacts',
    model: Contact as unknown as Model<never>,
    async query(_req, query) {
      const q = parse(contactListQuerySchema, query);
      return { and: contactFilterConditions(q), sort: sortOf(q.sort) };
    },
    columns: contactColumns as ExportDefinition['columns'],
  },
  companies: {
    subject: 'Company',
    audit: 'company.export',
    fileName: 'entreprises',
    sheetName: 'Entreprises',
    model: Company as unknown as Model<never>,
    async query(req, query) {
      const q = parse(companyListQuerySchema, query);
      // As the grid: within the caller's read scope too.
      const readable = scoped(req, 'read', Company).where();
      return { and: [readable, ...(await companyFilterConditions(req, q))], sort: sortOf(q.sort, 1) };
    },
    columns: companyColumns as ExportDefinition['columns'],
    async complete(req, rows: CompanyRow[]) {
      const counts = await visibleCounts(
        req,
        rows.map((c) => c._id),
      );
      for (const c of rows) {
        const id = String(c._id);
        c.visible = {
          contacts: counts.contacts.get(id) ?? 0,
          deals: counts.deals.get(id) ?? 0,
          assignees: [...(counts.assignees.get(id) ?? [])],
        };
      }
    },
  },
  deals: {
    subject: 'Deal',
    audit: 'deal.export',
    fileName: 'deals',
    sheetName: 'Deals',
    model: Deal as unknown as Model<never>,
    async query(_req, query) {
      const q = parse(dealListQuerySchema, query);
      return { and: dealListConditions(q), sort: dealListSort(q) };
    },
    columns: dealColumns as ExportDefinition['columns'],
  },
  activities: {
    subject: 'Activity',
    audit: 'activity.export',
    fileName: 'activites',
    sheetName: 'Activités',
    model: Activity as unknown as Model<never>,
    async query(_req, query) {
      const q = parse(activityListQuerySchema, query);
      return { and: activityListConditions(q), sort: activityListSort(q) };
    },
    columns: activityColumns as ExportDefinition['columns'],
  },
};

/** The format, and the list's own filters (checked by the list's schema in `query`). */
const exportQuerySchema = z.record(z.string(), z.unknown());
const formatSchema = z.object({ format: z.enum(SPREADSHEET_FORMATS, { message: 'Format inconnu (csv ou xlsx).' }) });

async function memberNames(): Promise<MemberNames> {
  const users = await User.find({}, { firstName: 1, lastName: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), `${u.firstName} ${u.lastName}`]));
}

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

export function exportsRouter(): Router {
  const router = Router();
  const r = routeTable(router);
  for (const [path, def] of Object.entries(EXPORTS)) {
    r.get(`/${path}`, {
      access: requirePermission('crm', 'export', def.subject),
      query: exportQuerySchema,
      handler: async ({ req, res, query }) => {
        const { format: rawFormat, ...filters } = query;
        const { format } = parse(formatSchema, { format: rawFormat });
        // The list's own (strict) query schema: the current filters of the screen, paging ignored.
        const { and, sort } = await def.query(req, filters);
        const names = await memberNames();
        const cursor = scoped(req, 'export', def.model)
          .find(allOf(and))
          .sort(sort)
          .lean()
          .cursor({ batchSize: EXPORT_BATCH });
        res.on('close', () => void cursor.close().catch(() => undefined));
        const complete = def.complete?.bind(def, req);
        const rows = await sendSpreadsheet(res, {
          format,
          fileName: `${def.fileName}-${today()}`,
          sheetName: def.sheetName,
          columns: def.columns(names),
          rows: complete ? completedRows(cursor as AsyncIterable<never>, complete) : (cursor as AsyncIterable<never>),
        });
        const { page: _page, pageSize: _size, ...applied } = filters;
        await audit(req, def.audit, { subject: def.subject, details: { format, rows, filters: applied } });
      },
    });
  }
  return router;
}
