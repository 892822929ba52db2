/** Company records as the API answers them: the card (grid, export) and the detail with its people. */
import type mongoose from 'mongoose';
import type {
  ActivityPriority,
  ActivityStatus,
  ActivityType,
  CompanyActivityDto,
  CompanyContactDto,
  CompanyDealDto,
  CompanyDetailDto,
  CompanyDto,
  ContactStatus,
  DealStage,
  GeoPrecision,
  LegalForm,
  UserSummary,
} from '../../contracts/index.js';
import type { CompanyAttrs } from './company.model.js';

export type LeanCompany = CompanyAttrs & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };

type Id = mongoose.Types.ObjectId;
type Ref = Id | null | undefined;

/** What the detail shows of the company's people, read within the caller's scope. */
export interface CompanyPeople {
  contacts: {
    _id: Id;
    firstName: string;
    lastName: string;
    jobTitle?: string | null;
    email?: string | null;
    phone?: string | null;
    status: string;
    assignedTo?: Ref;
  }[];
  deals: {
    _id: Id;
    title: string;
    amount: number;
    stage: string;
    probability: number;
    expectedCloseDate: Date;
    owner?: Ref;
  }[];
  activities: {
    _id: Id;
    type: string;
    subject: string;
    status: string;
    priority: string;
    dueAt: Date;
    contactName?: string | null;
    owner?: Ref;
  }[];
  activityTotal: number;
  members: Map<string, UserSummary>;
}

export function toCompanyDto(
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
    notes: c.notes ?? undefined,
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

export function toCompanyDetailDto(c: LeanCompany, people: CompanyPeople): CompanyDetailDto {
  const { contacts, deals, activities, activityTotal, members } = people;
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
