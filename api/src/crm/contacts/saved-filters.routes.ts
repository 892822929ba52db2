/**
 * Saved filters of a list screen (for now the contacts list): a member names the current filters and
 * applies them later. Each member sees, creates and deletes only his own; another member's filter
 * answers 404.
 */
import { Router } from 'express';
import mongoose, { Schema } from 'mongoose';
import { requirePermission } from '../../authz/index.js';
import {
  MAX_SAVED_FILTERS,
  SAVED_FILTER_SCREENS,
  savedFilterCreateSchema,
  savedFilterListQuerySchema,
  type ContactSavedQuery,
  type SavedFilterDto,
  type SavedFilterScreen,
} from '../../contracts/index.js';
import { HttpError, notFound } from '../../http/errors.js';
import { idParam, parse } from '../../http/validate.js';

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

function toDto(f: { _id: unknown; screen: string; name: string; query: unknown; createdAt?: Date }): SavedFilterDto {
  return {
    id: String(f._id),
    screen: f.screen as SavedFilterScreen,
    name: f.name,
    query: f.query as ContactSavedQuery,
    createdAt: (f.createdAt ?? new Date()).toISOString(),
  };
}

export function savedFiltersRouter(): Router {
  const router = Router();
  // Every screen with saved filters so far is a contacts screen.
  const guard = requirePermission('crm', 'read', 'Contact');

  router.get('/', guard, async (req, res) => {
    const { screen } = parse(savedFilterListQuerySchema, req.query);
    const rows = await SavedFilter.find({ owner: req.auth!.user._id, screen }).sort({ name: 1 }).lean();
    res.json(rows.map(toDto));
  });

  router.post('/', guard, async (req, res) => {
    const input = parse(savedFilterCreateSchema, req.body);
    const owner = req.auth!.user._id;
    const existing = await SavedFilter.find({ owner, screen: input.screen }, { name: 1 }).lean();
    if (existing.some((f) => f.name === input.name))
      throw new HttpError(409, `Vous avez déjà un filtre nommé « ${input.name} ».`, [
        { path: 'name', message: 'Nom déjà utilisé.' },
      ]);
    if (existing.length >= MAX_SAVED_FILTERS)
      throw new HttpError(422, `Vous avez atteint ${MAX_SAVED_FILTERS} filtres enregistrés : supprimez-en un d'abord.`);
    const created = await SavedFilter.create({ owner, screen: input.screen, name: input.name, query: input.query });
    res.status(201).json(toDto(created.toObject()));
  });

  router.delete('/:id', guard, async (req, res) => {
    const id = idParam(req);
    const { deletedCount } = await SavedFilter.deleteOne({ _id: id, owner: req.auth!.user._id });
    if (!deletedCount) throw notFound();
    res.json({ ok: true });
  });

  return router;
}
