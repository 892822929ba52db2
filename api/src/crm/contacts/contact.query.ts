/**
 * Pieces every contacts query and answer shares: the caller's scope, the list filters as query
 * conditions, and the DTO fields of the quality, registry and solvency data.
 */
import type { Request } from 'express';
import { scopeFilter, type Filter } from '../../authz/index.js';
import type { ContactDto, ContactFilters, Director, EnrichmentField, QualityItem } from '../../contracts/index.js';
import { foldText, type ContactDoc } from './contact.model.js';

export type ContactAction = 'read' | 'update' | 'delete' | 'assign' | 'export';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Scope of the caller AND not deleted: the base of every contact query. */
export function scopedContacts(req: Request, action: ContactAction): Filter {
  return { $and: [scopeFilter(req, action, 'Contact'), { deletedAt: null }] };
}

/** The filters of the list (and of the board, the exports…) as query conditions. */
export function contactFilterConditions(q: ContactFilters): Filter[] {
  const and: Filter[] = [];
  if (q.status) and.push({ status: q.status });
  if (q.assignedTo) and.push({ assignedTo: q.assignedTo === 'none' ? null : q.assignedTo });
  if (q.tag) and.push({ tags: q.tag });
  if (q.companyLink) and.push({ 'companyLink.status': q.companyLink });
  if (q.q) and.push({ searchText: { $regex: escapeRegex(foldText(q.q)) } });
  return and;
}

type InsightFields = Pick<
  ContactDto,
  | 'qualityBreakdown'
  | 'nafCode'
  | 'nafLabel'
  | 'headcount'
  | 'revenue'
  | 'revenueYear'
  | 'legalForm'
  | 'directors'
  | 'enrichment'
  | 'solvency'
>;

/** The DTO fields of the quality breakdown, the registry data, the enrichment and the solvency. */
export function contactInsightsDto(c: ContactDoc): InsightFields {
  const e = c.enrichment;
  const s = c.solvency;
  return {
    qualityBreakdown: (c.qualityBreakdown ?? []).map((i) => ({
      key: i.key as QualityItem['key'],
      label: i.label,
      points: i.points,
      max: i.max,
    })),
    nafCode: c.nafCode ?? undefined,
    nafLabel: c.nafLabel ?? undefined,
    headcount: c.headcount ?? undefined,
    revenue: c.revenue ?? undefined,
    revenueYear: c.revenueYear ?? undefined,
    legalForm: c.legalForm ?? undefined,
    directors: (c.directors ?? []).map((d): Director => ({ name: d.name, role: d.role })),
    enrichment: e
      ? {
          source: e.source,
          at: e.at.toISOString(),
          fields: (e.fields ?? []) as EnrichmentField[],
          demo: Boolean(e.demo),
        }
      : null,
    solvency: s
      ? {
          score: s.score,
          source: s.source,
          at: s.at.toISOString(),
          by: s.by ? { id: String(s.by), name: s.byName ?? '' } : null,
        }
      : null,
  };
}
