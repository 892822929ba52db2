import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { CONTACT_STATUSES } from '../contracts/index.js';

const contactSchema = new Schema(
  {
    firstName: { type: String, required: true },
    lastName: { type: String, required: true },
    email: { type: String },
    phone: { type: String },
    companyName: { type: String },
    /** The company made from companyName/SIRET by syncCompanies (companies.service.ts); never typed. */
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', default: null },
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
    qualityScore: { type: Number, default: 0 },
    assignedTo: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    /** Lower-case, accent-free "first last email company" for search (FerretDB v1 has no $text). */
    searchText: { type: String },
    /** Soft deletion, so that a deletion can be undone. */
    deletedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
contactSchema.index({ assignedTo: 1, createdAt: -1 });
contactSchema.index({ status: 1, createdAt: -1 });
contactSchema.index({ createdAt: -1 });
contactSchema.index({ email: 1 });
contactSchema.index({ phone: 1 });
contactSchema.index({ companyId: 1 });

export type ContactAttrs = InferSchemaType<typeof contactSchema>;
export type ContactDoc = HydratedDocument<ContactAttrs>;
export const Contact = mongoose.model('Contact', contactSchema);

export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function searchTextOf(c: Record<string, unknown>): string {
  return foldText([c.firstName, c.lastName, c.email, c.companyName].filter((v) => typeof v === 'string' && v).join(' '));
}
