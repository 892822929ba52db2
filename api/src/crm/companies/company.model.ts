import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { CONTACT_STATUSES, GEO_PRECISIONS, LEGAL_FORMS } from '../../contracts/index.js';
import { foldText } from '../contacts/index.js';

/**
 * A company, made from its contacts' "entreprise" fields by `syncCompanies` (company-sync.ts):
 * status, owners and counters are derived from the contacts and kept up to date when they change;
 * an admin completes industry, headcount, revenue, legal form and address.
 */
const companySchema = new Schema(
  {
    name: { type: String, required: true },
    /** Folded name without legal form, to recognise the same company typed differently. */
    nameKey: { type: String, required: true },
    /** `siren:<SIREN>` or `name:<nameKey>|<postal code>`, unique: two contacts created at once share one company. */
    matchKey: { type: String, required: true },
    siren: { type: String, default: null },
    siret: { type: String },
    nafCode: { type: String },
    /** Industry label (NAF label when the code is known). */
    industry: { type: String },
    headcount: { type: Number },
    /** Euros. */
    revenue: { type: Number },
    legalForm: { type: String, enum: LEGAL_FORMS },
    address: { type: String },
    postalCode: { type: String },
    city: { type: String },
    /** INSEE code of the commune, department and position, from postal code + city (geo.ts). */
    communeCode: { type: String },
    department: { type: String },
    lat: { type: Number, default: null },
    lng: { type: Number, default: null },
    geoPrecision: { type: String, enum: GEO_PRECISIONS },
    /** postal code|folded city the position was computed from, so that it is recomputed only when they change. */
    geoKey: { type: String },
    /** Best status of the non-deleted contacts: client > prospect > lead. */
    status: { type: String, enum: CONTACT_STATUSES, required: true, default: 'lead' },
    /** Distinct `assignedTo` of the non-deleted contacts: the scope field (OWNER_FIELD.Company). */
    contactOwners: { type: [Schema.Types.ObjectId], ref: 'User', default: [] },
    /** Non-deleted contacts, all owners together. */
    contactCount: { type: Number, default: 0 },
    /** Free text typed in the drawer (NOTES_MAX). */
    notes: { type: String },
    /** Lower-case, accent-free "name siren city industry" for search (FerretDB v1 has no $text). */
    searchText: { type: String },
    /** Set while the company has neither contact nor deal; a contact that comes back revives it. */
    deletedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
companySchema.index({ matchKey: 1 }, { unique: true });
companySchema.index({ siren: 1 });
companySchema.index({ nameKey: 1 });
companySchema.index({ contactOwners: 1, name: 1 });
companySchema.index({ name: 1 });
companySchema.index({ status: 1, name: 1 });
companySchema.index({ department: 1 });

export type CompanyAttrs = InferSchemaType<typeof companySchema>;
export type CompanyDoc = HydratedDocument<CompanyAttrs>;
export const Company = mongoose.model('Company', companySchema);

const LEGAL_FORM_WORDS =
  /^(?:(?:sas|sasu|sarl|eurl|sa|snc|sci|scop|selarl|ei)\s+)+|(?:\s+(?:sas|sasu|sarl|eurl|sa|snc|sci|scop|selarl|ei))+$/g;

/** "Dupont & Fils SARL" and "DUPONT ET FILS" → "dupont et fils". */
export function companyNameKey(name: string): string {
  return foldText(name)
    .replace(/&/g, ' et ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(LEGAL_FORM_WORDS, '')
    .trim();
}

export function companySearchText(c: {
  name?: string | null;
  siren?: string | null;
  city?: string | null;
  industry?: string | null;
}): string {
  return foldText([c.name, c.siren, c.city, c.industry].filter((v) => typeof v === 'string' && v).join(' '));
}
