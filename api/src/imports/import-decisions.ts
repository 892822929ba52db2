/**
 * What a run does with one row of the file: create a contact, update one, or reject the row (an error,
 * or a duplicate). Deterministic for the same rows in the same order, so that a batch cut short by a
 * crash is decided the same way again (see import.runner.ts).
 */
import mongoose from 'mongoose';
import type { SourceRecord } from './csv-source.js';
import { importKeyOf, type DedupIndex } from './dedup-index.js';
import type { ImportDoc } from './import.model.js';
import { validateRow, type ImportedContact, type RowOptions, type RowProblem } from './rows.js';

export type Decision =
  | { kind: 'create'; line: number; contact: ImportedContact; id: string; existing: boolean }
  | { kind: 'update'; line: number; contact: ImportedContact; filled: (keyof ImportedContact)[]; id: string }
  | { kind: 'reject'; line: number; reject: 'error' | 'duplicate'; problems: RowProblem[]; values: string[] };

export type CreateDecision = Extract<Decision, { kind: 'create' }>;
export type UpdateDecision = Extract<Decision, { kind: 'update' }>;
export type RejectDecision = Extract<Decision, { kind: 'reject' }>;

/** What the decisions of a run read. */
export interface DecisionContext {
  importId: string;
  columns: ImportDoc['columns'];
  /** The format's words, the headers and the columns kept in the notes. */
  rowOptions: RowOptions;
  onDuplicate: NonNullable<ImportDoc['config']>['onDuplicate'];
  /** Updated with each row decided. */
  index: DedupIndex;
  /** Whether the importer may update an existing contact (its scope). */
  canUpdate: (info: { assignedTo: string | null }) => boolean;
}

const BY_LABEL = { email: 'le même e-mail', phone: 'le même téléphone' } as const;

export function decideRow(record: SourceRecord, context: DecisionContext): Decision {
  const { line } = record;
  const { index } = context;
  if (record.broken !== undefined)
    return { kind: 'reject', line, reject: 'error', problems: [{ column: null, message: record.broken }], values: [] };
  const outcome = validateRow(record.cells, context.columns as never, context.rowOptions);
  if (outcome.problems)
    return { kind: 'reject', line, reject: 'error', problems: outcome.problems, values: record.cells };
  const { contact, filled } = outcome;
  const key = importKeyOf(context.importId, line);
  const created = index.created.get(key);
  if (created) return { kind: 'create', line, contact, id: created, existing: true };
  const match = index.match(contact);
  if (match) {
    const column = context.columns.indexOf(match.by);
    const byLine = index.lines.get(match.id);
    if (byLine === line) return { kind: 'update', line, contact, filled, id: match.id };
    const duplicate = (message: string): Decision => ({
      kind: 'reject',
      line,
      reject: 'duplicate',
      problems: [{ column, message }],
      values: record.cells,
    });
    if (byLine !== undefined) return duplicate(`Doublon de la ligne ${byLine} du fichier (${BY_LABEL[match.by]}).`);
    if (context.onDuplicate === 'skip')
      return duplicate(`Un contact existant a ${BY_LABEL[match.by]} : ligne ignorée.`);
    const info = index.info.get(match.id) ?? { assignedTo: null, status: 'lead' };
    if (!context.canUpdate(info))
      return duplicate(`Un contact existant, hors de votre périmètre, a ${BY_LABEL[match.by]} : ligne ignorée.`);
    index.add(match.id, contact, line);
    return { kind: 'update', line, contact, filled, id: match.id };
  }
  const id = new mongoose.Types.ObjectId().toHexString();
  index.add(id, { ...contact, importKey: key }, line);
  return { kind: 'create', line, contact, id, existing: false };
}
