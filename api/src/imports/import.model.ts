/**
 * A CSV import of contacts (`imports`) and the lines it left aside (`import_rejects`).
 *
 * The import document is written by the upload/settings/start routes, then only by the one run that
 * holds it (see import-lease.ts): FerretDB v1 updates are read-modify-write, so two writers of one
 * document could lose each other's changes. The cancel request therefore lives in a claim document
 * of its own (jobs/claims.ts), not in a field the runner rewrites.
 */
import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import {
  IMPORT_ASSIGNMENT_MODES,
  IMPORT_DEDUP_KEYS,
  IMPORT_DELIMITERS,
  IMPORT_ENCODINGS,
  IMPORT_FIELDS,
  IMPORT_FORMATS,
  IMPORT_ON_DUPLICATE,
  IMPORT_STATUSES,
  IMPORT_UNDO_STATUSES,
} from '../contracts/index.js';

const countsSchema = new Schema(
  {
    imported: { type: Number, default: 0 },
    updated: { type: Number, default: 0 },
    duplicates: { type: Number, default: 0 },
    errors: { type: Number, default: 0 },
  },
  // `errors` is a mongoose document method, not on this subdocument's level: safe here.
  { _id: false, suppressReservedKeysWarning: true },
);

const sampleRowSchema = new Schema(
  { line: { type: Number, required: true }, cells: { type: [String], default: undefined }, broken: { type: String } },
  { _id: false },
);

const importSchema = new Schema(
  {
    fileName: { type: String, required: true },
    /** Where the upload is stored (IMPORTS_DIR); removed when the import ends. */
    filePath: { type: String, required: true },
    size: { type: Number, required: true },
    encoding: { type: String, enum: IMPORT_ENCODINGS, required: true },
    delimiter: { type: String, enum: IMPORT_DELIMITERS, required: true },
    headers: { type: [String], default: [] },
    columns: { type: [{ type: String, enum: IMPORT_FIELDS }], default: [] },
    /** CSV, or vCard cards read into fixed columns (formats/vcard.ts). */
    fileType: { type: String, enum: ['csv', 'vcard'], default: 'csv' },
    /** The export the headers were recognised as (formats/index.ts): its words are translated. */
    format: { type: String, enum: IMPORT_FORMATS, default: 'spec' },
    /** Columns never kept in the notes (labels of other columns, photos…). */
    ignoredColumns: { type: [Number], default: [] },
    /** Last line of the header row: data start on the next one. */
    headerEndLine: { type: Number, default: 1 },
    totalRows: { type: Number, default: 0 },
    /** The first rows as read, for the preview. */
    sample: { type: [sampleRowSchema], default: [] },
    status: { type: String, enum: IMPORT_STATUSES, default: 'analysed' },
    /** Shown to the wizard; the runner reads the cancel claim (import-lease.ts). */
    cancelRequested: { type: Boolean, default: false },
    config: {
      type: new Schema(
        {
          dedupBy: { type: [{ type: String, enum: IMPORT_DEDUP_KEYS }], default: [] },
          onDuplicate: { type: String, enum: IMPORT_ON_DUPLICATE, required: true },
          assignment: { type: String, enum: IMPORT_ASSIGNMENT_MODES, required: true },
          assignTo: { type: Schema.Types.ObjectId, ref: 'User', default: null },
          /** Members of the round-robin, in order, frozen at start so that a resumed run deals the same way. */
          assignees: { type: [Schema.Types.ObjectId], default: [] },
          tags: { type: [String], default: [] },
          /** The columns not imported go to the contact's notes. */
          keepUnmapped: { type: Boolean, default: false },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Everything up to this line is done and counted; a run resumes on the next line. */
    checkpoint: {
      line: { type: Number, default: 0 },
      /** Next turn of the round-robin. */
      assignIndex: { type: Number, default: 0 },
    },
    counts: { type: countsSchema, default: () => ({}) },
    /** Existing companies new contacts joined, not written yet (PendingJoins): recomputed by a resumed run. */
    pendingCompanies: { type: [Schema.Types.ObjectId], default: [] },
    progress: {
      processed: { type: Number, default: 0 },
      rowsPerSecond: { type: Number, default: 0 },
      etaSeconds: { type: Number, default: null },
    },
    /** The run working on the import: its generation (claimed once) and its heartbeat. */
    run: {
      generation: { type: Number, default: 0 },
      heartbeatAt: { type: Date, default: null },
      failures: { type: Number, default: 0 },
    },
    /**
     * The undo of the whole import (import-undo.ts), once asked: written by the route that asks it,
     * then only by the undo job.
     */
    undo: {
      type: new Schema(
        {
          status: { type: String, enum: IMPORT_UNDO_STATUSES, required: true },
          requestedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
          /** When it was asked: also the deletedAt of the contacts it removes (counted by it). */
          at: { type: Date, required: true },
          /** Contacts to look at: those the import created and still live, then those it updated. */
          total: { type: Number, default: 0 },
          processed: { type: Number, default: 0 },
          removed: { type: Number, default: 0 },
          restored: { type: Number, default: 0 },
          skipped: { type: Number, default: 0 },
          /** The first contacts left as they are (changed since the import), for the report. */
          skippedContacts: {
            type: [new Schema({ id: String, name: String, reason: String }, { _id: false })],
            default: [],
          },
          /** Where a resumed run starts: the phase and the last contact (or entry) id done. */
          checkpoint: { phase: { type: String, default: 'created' }, lastId: { type: String, default: null } },
          heartbeatAt: { type: Date, default: null },
          failures: { type: Number, default: 0 },
          finishedAt: { type: Date, default: null },
          error: { type: String },
        },
        { _id: false },
      ),
      default: null,
    },
    error: { type: String },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    queuedAt: { type: Date, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
importSchema.index({ createdBy: 1, createdAt: -1 });
importSchema.index({ status: 1 });

export type ImportAttrs = InferSchemaType<typeof importSchema>;
export type ImportDoc = HydratedDocument<ImportAttrs>;
export const ContactImport = mongoose.model('ContactImport', importSchema, 'imports');

/**
 * A line left aside: invalid values, unreadable row, or duplicate. `_id` is `<importId>:<line>`, so a
 * batch written twice (a resumed run) records each line once.
 */
const rejectSchema = new Schema({
  _id: { type: String, required: true },
  importId: { type: Schema.Types.ObjectId, required: true },
  line: { type: Number, required: true },
  kind: { type: String, enum: ['error', 'duplicate'], required: true },
  problems: {
    type: [new Schema({ column: { type: String, default: null }, message: { type: String, required: true } }, { _id: false })],
    default: [],
  },
  values: { type: [String], default: [] },
});
rejectSchema.index({ importId: 1, line: 1 });

export const ImportReject = mongoose.model('ImportReject', rejectSchema, 'import_rejects');
