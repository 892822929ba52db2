/** The shape of a contact that companies are made from, and of its waiting link to a company. */
import type { Types } from 'mongoose';
import type { ContactStatus } from '../../contracts/index.js';

type Id = Types.ObjectId;

/** What the companies are made from: a contact as stored, or about to be (the CSV import). */
export interface ContactRow {
  _id: Id;
  companyName?: string | null;
  siret?: string | null;
  address?: string | null;
  postalCode?: string | null;
  city?: string | null;
  companyId?: Id | null;
  assignedTo?: Id | null;
  status: ContactStatus;
  /** Registry data of the contact's company (Pappers enrichment), used while the company has none. */
  nafCode?: string | null;
  nafLabel?: string | null;
  revenue?: number | null;
  deletedAt?: Date | null;
  /** A link to an existing company that waits for an administrator, or that he refused. */
  companyLink?: CompanyLink | null;
}

export interface CompanyLink {
  companyId: Id;
  status: 'pending' | 'refused';
  by: Id | null;
  byName?: string | null;
  at: Date;
}
