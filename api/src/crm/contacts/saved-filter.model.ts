/** A member's named filters of a list screen (`saved_filters`): one name per member and screen. */
import mongoose, { Schema } from 'mongoose';
import { SAVED_FILTER_SCREENS } from '../../contracts/index.js';

const savedFilterSchema = new Schema(
  {
    owner: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    screen: { type: String, enum: SAVED_FILTER_SCREENS, required: true },
    name: { type: String, required: true },
    query: { type: Schema.Types.Mixed, required: true },
  },
  { timestamps: true, minimize: false },
);
savedFilterSchema.index({ owner: 1, screen: 1, name: 1 }, { unique: true });
export const SavedFilter = mongoose.model('SavedFilter', savedFilterSchema, 'saved_filters');
