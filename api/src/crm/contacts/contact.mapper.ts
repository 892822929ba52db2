/** Contact records as the API answers them. */
import type { ContactDto, Director, EnrichmentField, QualityItem } from '../../contracts/index.js';
import { toUserSummary, type UserDoc } from '../../team/user.model.js';
import type { CompanyLink } from '../companies/index.js';
import type { ContactDoc } from './contact.model.js';

/** What the assignee of a contact shows (populate it with these fields before mapping). */
export const ASSIGNEE_FIELDS = 'firstName lastName avatarUrl';

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
    notes: c.notes ?? undefined,
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
