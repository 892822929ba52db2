/**
 * Saved filters of a list screen (for now the contacts list): a member names the current filters and
 * applies them later. Each member sees, creates and deletes only his own; another member's filter
 * answers 404.
 */
import { Router } from 'express';
import { requirePermission } from '../../authz/index.js';
import {
  MAX_SAVED_FILTERS,
  savedFilterCreateSchema,
  savedFilterListQuerySchema,
  type ContactSavedQuery,
  type SavedFilterDto,
  type SavedFilterScreen,
} from '../../contracts/index.js';
import { HttpError, notFound } from '../../http/errors.js';
import { idParams, routeTable } from '../../http/route.js';
import { SavedFilter } from './saved-filter.model.js';

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
  const r = routeTable(router);
  // Every screen with saved filters so far is a contacts screen.
  const guard = requirePermission('crm', 'read', 'Contact');

  r.get('/', {
    access: guard,
    query: savedFilterListQuerySchema,
    handler: async ({ req, query: { screen } }) => {
      const rows = await SavedFilter.find({ owner: req.auth!.user._id, screen }).sort({ name: 1 }).lean();
      return rows.map(toDto);
    },
  });

  r.post('/', {
    access: guard,
    body: savedFilterCreateSchema,
    status: 201,
    handler: async ({ req, body: input }) => {
      const owner = req.auth!.user._id;
      const existing = await SavedFilter.find({ owner, screen: input.screen }, { name: 1 }).lean();
      if (existing.some((f) => f.name === input.name))
        throw new HttpError(409, `Vous avez déjà un filtre nommé « ${input.name} ».`, [
          { path: 'name', message: 'Nom déjà utilisé.' },
        ]);
      if (existing.length >= MAX_SAVED_FILTERS)
        throw new HttpError(
          422,
          `Vous avez atteint ${MAX_SAVED_FILTERS} filtres enregistrés : supprimez-en un d'abord.`,
        );
      const created = await SavedFilter.create({ owner, screen: input.screen, name: input.name, query: input.query });
      return toDto(created.toObject());
    },
  });

  r.delete('/:id', {
    access: guard,
    params: idParams,
    handler: async ({ req, params }) => {
      const { deletedCount } = await SavedFilter.deleteOne({ _id: params.id, owner: req.auth!.user._id });
      if (!deletedCount) throw notFound();
      return { ok: true };
    },
  });

  return router;
}
