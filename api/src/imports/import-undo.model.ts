/**
 * What an import changed on each existing contact it updated (`import_undo`), so that undoing the
 * import puts the contact back: the before-values of the fields it wrote (null: the field was empty)
 * and the tags it added. One entry per import and contact (`_id` `<importId>:<contactId>`), written
 * once before the update — a resumed run never overwrites it with values it wrote itself. Bounded:
 * only the fields the row filled in, each within the contact form's own limits.
 */
import mongoose, { Schema } from 'mongoose';

const undoEntrySchema = new Schema({
  _id: { type: String, required: true },
  importId: { type: Schema.Types.ObjectId, required: true },
  contactId: { type: Schema.Types.ObjectId, required: true },
  before: { type: Schema.Types.Mixed, default: {} },
  addedTags: { type: [String], default: [] },
  /** Set once the undo put the contact back. */
  restoredAt: { type: Date, default: null },
});
undoEntrySchema.index({ importId: 1, _id: 1 });

export const ImportUndoEntry = mongoose.model('ImportUndoEntry', undoEntrySchema, 'import_undo');

export const undoEntryKey = (importId: string, contactId: string) => `${importId}:${contactId}`;
