import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import {
  COMPANY_LINK_STATUSES,
  CONTACT_STATUSES,
  ENRICHMENT_SOURCES,
  QUALITY_CRITERIA,
  SOLVENCY_SOURCES,
} from '../../contracts/index.js';

const qualityItemSchema = new Schema(
  {
    key: { type: String, enum: QUALITY_CRITERIA.map((c) => c.key), required: true },
    label: { type: String, required: true },
    points: { type: Number, required: true },
    max: { type: Number, required: true },
  },
  { _id: false },
);
const directorSchema = new Schema(
  { name: { type: String, required: true }, role: { type: String, required: true } },
  { _id: false },
);

const contactSchema = new Schema(
  {
    firstName: { type: String, required: true },
    lastName: { type: String, required: true },
    email: { type: String },
    phone: { type: String },
    companyName: { type: String },
    /** The company made from companyName/SIRET by syncCompanies (company-sync.ts); never typed. */
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', default: null },
    /**
     * The existing company the contact's "entreprise" names when the member who wrote it may not read
     * that company (company-sync.ts, COMPANY_LINK_RULE): the link waits for an administrator's
     * decision, and `companyId` stays null meanwhile.
     */
    companyLink: {
      type: new Schema(
        {
          companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
          status: { type: String, enum: COMPANY_LINK_STATUSES, required: true },
          /** Who wrote the company (pending), or who refused the link. */
          by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
          byName: { type: String },
          at: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    jobTitle: { type: String },
    siret: { type: String },
    manager: { type: String },
    address: { type: String },
    postalCode: { type: String },
    city: { type: String },
    country: { type: String },
    status: { type: String, enum: CONTACT_STATUSES, required: true },
    source: { type: String },
    tags: { type: [String], default: [] },
    /** Free text (NOTES_MAX); a change is recorded in the history (contact-events.ts). */
    notes: { type: String },
    qualityScore: { type: Number, default: 0 },
    /** Points per criterion (quality.ts); the score is their sum. */
    qualityBreakdown: { type: [qualityItemSchema], default: [] },
    /** When the score drops by itself (engagement or enrichment getting old): the refresh job recomputes it then. */
    qualityExpiresAt: { type: Date, default: null },
    /** Registry data, from the Pappers enrichment only. */
    nafCode: { type: String },
    nafLabel: { type: String },
    headcount: { type: String },
    revenue: { type: Number },
    revenueYear: { type: Number },
    legalForm: { type: String },
    directors: { type: [directorSchema], default: [] },
    enrichment: {
      type: new Schema(
        {
          source: { type: String, enum: ENRICHMENT_SOURCES, required: true },
          at: { type: Date, required: true },
          fields: { type: [String], default: [] },
          demo: { type: Boolean, default: false },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Solvency 0–100 (contracts: SOLVENCY_BANDS), entered by hand until a Coface connector exists. */
    solvency: {
      type: new Schema(
        {
          score: { type: Number, required: true, min: 0, max: 100 },
          source: { type: String, enum: SOLVENCY_SOURCES, required: true },
          at: { type: Date, required: true },
          by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
          byName: { type: String },
        },
        { _id: false },
      ),
      default: null,
    },
    assignedTo: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    /** Lower-case, accent-free "first last email company" for search (FerretDB v1 has no $text). */
    searchText: { type: String },
    /** Soft deletion, so that a deletion can be undone. */
    deletedAt: { type: Date, default: null },
    /** `<importId>:<line>` of the CSV row that created the contact (unique: a resumed import never creates it twice). */
    importKey: { type: String },
    /** `<importId>:<line>` of the last CSV row that created or updated the contact. */
    importRef: { type: String },
  },
  { timestamps: true },
);
// The scope (assignedTo) and the soft delete are equalities of every list and count: both first.
contactSchema.index({ assignedTo: 1, deletedAt: 1, createdAt: -1 });
contactSchema.index({ status: 1, createdAt: -1 });
contactSchema.index({ createdAt: -1 });
// The list's other sorts (contactListSort adds _id): read in index order until a page is full.
contactSchema.index({ lastName: 1, _id: -1 });
contactSchema.index({ qualityScore: -1, _id: -1 });
// The search box (a substring of searchText): scanned in the index, not in the documents.
contactSchema.index({ searchText: 1 });
// Live contacts (trash aside), newest first; a company's live contacts.
contactSchema.index({ deletedAt: 1, createdAt: -1 });
contactSchema.index({ email: 1 });
contactSchema.index({ phone: 1 });
contactSchema.index({ companyId: 1 });
contactSchema.index({ 'companyLink.status': 1, createdAt: -1 });
contactSchema.index({ tags: 1 });
contactSchema.index({ qualityExpiresAt: 1 });
contactSchema.index({ importKey: 1 }, { unique: true, sparse: true });

export type ContactAttrs = InferSchemaType<typeof contactSchema>;
export type ContactDoc = HydratedDocument<ContactAttrs>;
export const Contact = mongoose.model('Contact', contactSchema);

export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** How much of the notes the search reads: enough for keywords, bounded to keep the field small. */
const SEARCH_NOTES_CHARS = 2000;

export function searchTextOf(c: Record<string, unknown>): string {
  const notes = typeof c.notes === 'string' ? c.notes.slice(0, SEARCH_NOTES_CHARS) : undefined;
  return foldText(
    [c.firstName, c.lastName, c.email, c.companyName, notes].filter((v) => typeof v === 'string' && v).join(' '),
  );
}
