/** The columns of each export, in French, from the stored records (lean documents). */
import type { Types } from 'mongoose';
import {
  ACTIVITY_PRIORITY_LABELS,
  ACTIVITY_STATUS_LABELS,
  ACTIVITY_TYPE_LABELS,
  COMPANY_LABELS,
  CONTACT_STATUS_LABELS,
  DEAL_STAGE_LABELS,
  formatPhone,
} from '../contracts/index.js';
import type { ActivityAttrs } from '../crm/activities/index.js';
import type { CompanyAttrs } from '../crm/companies/index.js';
import type { ContactAttrs } from '../crm/contacts/index.js';
import type { DealAttrs } from '../crm/deals/index.js';
import type { Column } from './spreadsheet.js';

type Lean<T> = T & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type ContactRow = Lean<ContactAttrs>;
/** A company with what its caller may see of its people (companies.routes.ts `visibleCounts`). */
export type CompanyRow = Lean<CompanyAttrs> & { visible?: { contacts: number; deals: number; assignees: string[] } };
export type DealRow = Lean<DealAttrs>;
export type ActivityRow = Lean<ActivityAttrs>;

/** Full names of members by id, for owners and assignees. */
export type MemberNames = Map<string, string>;
const nameOf = (names: MemberNames, id: unknown) => (id ? (names.get(String(id)) ?? '') : '');

export function contactColumns(names: MemberNames): Column<ContactRow>[] {
  return [
    { header: 'Prénom', value: (c) => c.firstName, width: 16 },
    { header: 'Nom', value: (c) => c.lastName, width: 18 },
    { header: 'E-mail', value: (c) => c.email, width: 30 },
    { header: 'Téléphone', value: (c) => (c.phone ? formatPhone(c.phone) : ''), width: 18 },
    { header: 'Entreprise', value: (c) => c.companyName, width: 24 },
    { header: 'Poste', value: (c) => c.jobTitle, width: 20 },
    { header: 'SIRET', value: (c) => c.siret, width: 16 },
    { header: 'Gérant', value: (c) => c.manager, width: 20 },
    { header: 'Adresse', value: (c) => c.address, width: 28 },
    { header: 'Code postal', value: (c) => c.postalCode },
    { header: 'Ville', value: (c) => c.city, width: 16 },
    { header: 'Pays', value: (c) => c.country },
    { header: 'Statut', value: (c) => CONTACT_STATUS_LABELS[c.status] },
    { header: 'Source', value: (c) => c.source, width: 16 },
    { header: 'Tags', value: (c) => (c.tags ?? []).join(', '), width: 24 },
    { header: 'Notes', value: (c) => c.notes, width: 40 },
    { header: 'Score qualité', value: (c) => c.qualityScore ?? 0 },
    { header: 'Commercial assigné', value: (c) => nameOf(names, c.assignedTo), width: 22 },
    { header: 'Créé le', value: (c) => c.createdAt, type: 'datetime', width: 17 },
    { header: 'Modifié le', value: (c) => c.updatedAt, type: 'datetime', width: 17 },
  ];
}

export function companyColumns(names: MemberNames): Column<CompanyRow>[] {
  return [
    { header: 'Nom', value: (c) => c.name, width: 28 },
    { header: 'SIREN', value: (c) => c.siren },
    { header: 'SIRET', value: (c) => c.siret, width: 16 },
    { header: 'Code NAF', value: (c) => c.nafCode },
    { header: 'Secteur', value: (c) => c.industry, width: 28 },
    { header: 'Effectif', value: (c) => c.headcount },
    { header: 'Chiffre d’affaires (€)', value: (c) => c.revenue, width: 20 },
    { header: 'Forme juridique', value: (c) => c.legalForm },
    { header: 'Adresse', value: (c) => c.address, width: 28 },
    { header: 'Code postal', value: (c) => c.postalCode },
    { header: 'Ville', value: (c) => c.city, width: 16 },
    { header: 'Département', value: (c) => c.department },
    { header: 'Statut', value: (c) => CONTACT_STATUS_LABELS[c.status] },
    // Only what the caller's scope shows: the stored counter and owners cover other reps' contacts.
    { header: 'Contacts', value: (c) => c.visible?.contacts ?? 0 },
    { header: 'Deals', value: (c) => c.visible?.deals ?? 0 },
    {
      header: 'Commerciaux',
      value: (c) => (c.visible?.assignees ?? []).map((id) => nameOf(names, id)).filter(Boolean).sort().join(', '),
      width: 28,
    },
    { header: 'Notes', value: (c) => c.notes, width: 40 },
    { header: 'Créée le', value: (c) => c.createdAt, type: 'datetime', width: 17 },
  ];
}

export function dealColumns(names: MemberNames): Column<DealRow>[] {
  return [
    { header: 'Titre', value: (d) => d.title, width: 30 },
    { header: 'Contact', value: (d) => d.contactName, width: 22 },
    { header: 'Entreprise', value: (d) => d.companyName, width: 24 },
    { header: 'Montant (€)', value: (d) => d.amount, width: 14 },
    { header: 'Étape', value: (d) => DEAL_STAGE_LABELS[d.stage], width: 14 },
    { header: 'Probabilité (%)', value: (d) => d.probability },
    { header: 'Montant pondéré (€)', value: (d) => d.weightedAmount, width: 18 },
    { header: 'Clôture prévue', value: (d) => d.expectedCloseDate, type: 'date', width: 14 },
    { header: 'Société émettrice', value: (d) => COMPANY_LABELS[d.issuingCompany], width: 18 },
    { header: 'Propriétaire', value: (d) => nameOf(names, d.owner), width: 22 },
    { header: 'Motif de perte', value: (d) => d.lossReason, width: 24 },
    { header: 'Créé le', value: (d) => d.createdAt, type: 'datetime', width: 17 },
  ];
}

export function activityColumns(names: MemberNames): Column<ActivityRow>[] {
  return [
    { header: 'Type', value: (a) => ACTIVITY_TYPE_LABELS[a.type] },
    { header: 'Sujet', value: (a) => a.subject, width: 30 },
    { header: 'Priorité', value: (a) => ACTIVITY_PRIORITY_LABELS[a.priority] },
    { header: 'Statut', value: (a) => ACTIVITY_STATUS_LABELS[a.status] },
    { header: 'Échéance', value: (a) => a.dueAt, type: 'datetime', width: 17 },
    { header: 'Durée (min)', value: (a) => a.durationMinutes },
    { header: 'Contact', value: (a) => a.contactName, width: 22 },
    { header: 'Entreprise', value: (a) => a.companyName, width: 24 },
    { header: 'Deal', value: (a) => a.dealName, width: 24 },
    { header: 'Propriétaire', value: (a) => nameOf(names, a.owner), width: 22 },
    { header: 'Terminée le', value: (a) => a.completedAt, type: 'datetime', width: 17 },
    { header: 'Notes', value: (a) => a.notes, width: 40 },
  ];
}
