import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { COMPANIES, DEAL_STAGES } from '../../contracts/index.js';
import { foldText } from '../contacts/index.js';

const stageEntrySchema = new Schema(
  {
    stage: { type: String, enum: DEAL_STAGES, required: true },
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { _id: false },
);

const dealSchema = new Schema(
  {
    title: { type: String, required: true },
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    /** Snapshots taken from the contact when it is chosen (search, cards), so reads need no join. */
    contactName: { type: String, required: true },
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', default: null },
    companyName: { type: String },
    /** Euros. */
    amount: { type: Number, required: true, min: 0 },
    stage: { type: String, enum: DEAL_STAGES, required: true },
    /** Closing probability in %, set by the rep (defaults per stage). */
    probability: { type: Number, required: true, min: 0, max: 100 },
    /**
     * amount × probability / 100, kept up to date on every write: the board sums it in the database
     * (FerretDB v1's $group has no $multiply).
     */
    weightedAmount: { type: Number, required: true },
    /** Midnight UTC of the expected closing day. */
    expectedCloseDate: { type: Date, required: true },
    issuingCompany: { type: String, enum: COMPANIES, required: true },
    owner: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    lossReason: { type: String },
    notes: { type: String },
    /** Every stage the deal entered, with when and who: conversion rates and cycle durations. */
    stageHistory: { type: [stageEntrySchema], default: [] },
    stageChangedAt: { type: Date, required: true },
    wonAt: { type: Date, default: null },
    lostAt: { type: Date, default: null },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    /** Lower-case, accent-free "title contact company" for search (FerretDB v1 has no $text). */
    searchText: { type: String },
    /** Soft deletion, so that a deletion can be undone. */
    deletedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
// Board columns: scope (owner), stage, then the cards' order.
dealSchema.index({ owner: 1, stage: 1, expectedCloseDate: 1, _id: 1 });
dealSchema.index({ stage: 1, expectedCloseDate: 1, _id: 1 });
dealSchema.index({ contactId: 1 });
// A company's deals (its counters, its page); the list by owner, newest first.
dealSchema.index({ companyId: 1 });
dealSchema.index({ owner: 1, createdAt: -1 });
dealSchema.index({ createdAt: -1 });

export type DealAttrs = InferSchemaType<typeof dealSchema>;
export type DealDoc = HydratedDocument<DealAttrs>;
export const Deal = mongoose.model('Deal', dealSchema);

export function dealSearchText(d: { title?: string | null; contactName?: string | null; companyName?: string | null }): string {
  return foldText([d.title, d.contactName, d.companyName].filter((v) => typeof v === 'string' && v).join(' '));
}

/** `YYYY-MM-DD` → midnight UTC of that day; and back. */
export const dayToDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
export const dateToDay = (d: Date) => d.toISOString().slice(0, 10);
