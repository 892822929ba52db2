/**
 * What a company derives from its non-deleted contacts (owners, status, counter, place, industry,
 * revenue, position, search text), summed up so that new contacts can be added without reading the
 * contacts a company had already.
 */
import mongoose from 'mongoose';
import { bestStatus, type ContactStatus } from '../../contracts/index.js';
import type { ContactRow } from './contact-row.js';
import { companySearchText } from './company.model.js';
import { foldPlace, locate } from './geo.js';

export type Derivable = Pick<
  ContactRow,
  'assignedTo' | 'status' | 'address' | 'postalCode' | 'city' | 'nafCode' | 'nafLabel' | 'revenue'
>;
/** What `derive` reads from the contacts. */
export const DERIVABLE = {
  assignedTo: 1,
  status: 1,
  address: 1,
  postalCode: 1,
  city: 1,
  nafCode: 1,
  nafLabel: 1,
  revenue: 1,
};

export interface CompanyState {
  name: string;
  siren?: string | null;
  nafCode?: string | null;
  industry?: string | null;
  revenue?: number | null;
  status?: string | null;
  address?: string | null;
  postalCode?: string | null;
  city?: string | null;
  geoKey?: string | null;
  deletedAt?: Date | null;
}

/** What a company derives from its non-deleted contacts, summed up so that new contacts can be added. */
export interface ContactsSummary {
  owners: Set<string>;
  count: number;
  status?: ContactStatus;
  /** From the oldest contact that has one. */
  place?: { address: string | null; postalCode: string | null; city: string | null };
  registry?: { nafCode: string; nafLabel: string };
  revenue?: number;
}

/** Adds contacts (oldest first) to a summary, a new one by default. */
export function summarise(
  contacts: Derivable[],
  summary: ContactsSummary = { owners: new Set(), count: 0 },
): ContactsSummary {
  for (const contact of contacts) {
    if (contact.assignedTo) summary.owners.add(String(contact.assignedTo));
    summary.count += 1;
    summary.status = bestStatus(summary.status ? [summary.status, contact.status] : [contact.status]);
    if (!summary.place && (contact.postalCode || contact.city))
      summary.place = {
        address: contact.address ?? null,
        postalCode: contact.postalCode ?? null,
        city: contact.city ?? null,
      };
    if (!summary.registry && contact.nafCode && contact.nafLabel)
      summary.registry = { nafCode: contact.nafCode, nafLabel: contact.nafLabel };
    if (summary.revenue === undefined && typeof contact.revenue === 'number') summary.revenue = contact.revenue;
  }
  return summary;
}

/**
 * What a company derives from its non-deleted contacts (oldest first): owners, status, counter,
 * address when it has none, industry (NAF) and revenue when it has none and a contact's registry
 * enrichment tells them, position when its place changed, search text; archived while it has
 * neither contact nor deal.
 */
export function derive(
  company: CompanyState,
  contacts: ContactsSummary,
  hasDeals: boolean,
  now = new Date(),
): Record<string, unknown> {
  return {
    contactOwners: [...contacts.owners].sort().map((id) => new mongoose.Types.ObjectId(id)),
    contactCount: contacts.count,
    status: contacts.status ?? company.status ?? 'lead',
    deletedAt: contacts.count || hasDeals ? null : (company.deletedAt ?? now),
    ...completion(company, contacts),
  };
}

/**
 * What the contacts complete on a company: its place when it has none, its industry and revenue when
 * a contact's registry enrichment tells them and it has none, then its position and search text.
 */
function completion(company: CompanyState, contacts: ContactsSummary): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  let place = { address: company.address, postalCode: company.postalCode, city: company.city };
  if (!place.postalCode && !place.city && contacts.place) {
    place = contacts.place;
    Object.assign(set, place);
  }
  if (contacts.registry && !company.nafCode && !company.industry)
    Object.assign(set, { nafCode: contacts.registry.nafCode, industry: contacts.registry.nafLabel });
  if (contacts.revenue != null && company.revenue == null) set.revenue = contacts.revenue;
  Object.assign(set, positionOf(place, company.geoKey));
  set.searchText = companySearchText({
    ...company,
    ...place,
    industry: (set.industry as string | undefined) ?? company.industry,
  });
  return set;
}

/** Whether a derived value equals the stored one: arrays by their strings, dates by their presence only. */
export const same = (first: unknown, second: unknown): boolean => {
  if (Array.isArray(first) || Array.isArray(second))
    return (
      JSON.stringify((first as unknown[] | undefined)?.map(String) ?? []) ===
      JSON.stringify((second as unknown[] | undefined)?.map(String) ?? [])
    );
  if (first instanceof Date || second instanceof Date)
    return (first === null) === (second === null) && (first === null || Boolean(second));
  return (first ?? null) === (second ?? null);
};

/** Position fields for a place, or nothing when the place has not changed since the last computation. */
export function positionOf(place: { postalCode?: string | null; city?: string | null }, previousKey?: string | null) {
  const geoKey = `${place.postalCode ?? ''}|${place.city ? foldPlace(place.city) : ''}`;
  if (geoKey === previousKey) return {};
  const match = locate(place.postalCode, place.city);
  return {
    geoKey,
    communeCode: match?.communeCode ?? null,
    department: match?.department ?? null,
    lat: match?.lat ?? null,
    lng: match?.lng ?? null,
    geoPrecision: match?.precision ?? null,
  };
}
