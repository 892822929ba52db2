/**
 * CRM → Contacts, beyond the record itself: kanban board by status, tag suggestions, bulk actions and
 * their undo, interaction history, Pappers enrichment, solvency. Mounted before the contacts router on
 * the same path (`/crm/contacts/board` must not be read as a contact id).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { requirePermission, type Filter } from '../../authz/index.js';
import { scoped } from '../../authz/scoped.js';
import {
  CONTACT_STATUSES,
  contactBoardQuerySchema,
  contactBulkSchema,
  contactBulkUndoSchema,
  contactColumnQuerySchema,
  contactEnrichSchema,
  contactHistoryQuerySchema,
  contactSolvencySchema,
  contactTagsQuerySchema,
  escapeRegex,
  isContactStatus,
  type ContactBoardDto,
  type ContactColumnDto,
  type ContactEnrichResponse,
  type TagSuggestion,
} from '../../contracts/index.js';
import { notFound } from '../../http/errors.js';
import { idParams, routeTable } from '../../http/route.js';
import { boardSortOf, columnPage, statusCounts } from './contact-board.js';
import { runBulk, undoBulk } from './contact-bulk.js';
import { enrichContact } from './contact-enrich.js';
import { recordContactEvents } from './contact-events.js';
import { contactHistory } from './contact-history.js';
import { ASSIGNEE_FIELDS, toContactDto } from './contact.mapper.js';
import { Contact } from './contact.model.js';
import { contactFilterConditions } from './contact.query.js';
import { ensureAssignableMember } from './contacts.routes.js';

const statusParams = z.object({ status: z.string() }).strict();

export function contactToolsRouter(config: Config): Router {
  const router = Router();
  const r = routeTable(router);
  const mod = 'crm' as const;

  /** Tags of the contacts in the caller's scope, most used first (suggestions of the tag pickers). */
  r.get('/tags', {
    access: requirePermission(mod, 'read', 'Contact'),
    query: contactTagsQuerySchema,
    handler: async ({ req, query: q }): Promise<TagSuggestion[]> => {
      // An aggregation does not go through the query builder: its `$match` is the builder's condition.
      const match = Contact.find().cast(Contact, scoped(req, 'read', Contact).where()) as Filter;
      const rows = await Contact.aggregate<{ _id: string; n: number }>([
        { $match: match },
        { $unwind: '$tags' },
        ...(q.q ? [{ $match: { tags: { $regex: escapeRegex(q.q), $options: 'i' } } }] : []),
        { $group: { _id: '$tags', n: { $sum: 1 } } },
        { $sort: { n: -1, _id: 1 } },
        { $limit: q.limit },
      ]);
      return rows.map((row) => ({ tag: row._id, count: row.n }));
    },
  });

  /** The kanban: per status, the count and the first cards. */
  r.get('/board', {
    access: requirePermission(mod, 'read', 'Contact'),
    query: contactBoardQuerySchema,
    handler: async ({ req, query: q }): Promise<ContactBoardDto> => {
      const conditions = contactFilterConditions(q);
      const sort = boardSortOf(q.sort);
      const [counts, pages] = await Promise.all([
        statusCounts(req, conditions),
        Promise.all(CONTACT_STATUSES.map((s) => columnPage(req, conditions, s, sort, q.limit, toContactDto))),
      ]);
      return { columns: CONTACT_STATUSES.map((status, i) => ({ status, count: counts[status], ...pages[i]! })) };
    },
  });

  /** More cards of one column ("Afficher plus"). */
  r.get('/board/:status', {
    access: requirePermission(mod, 'read', 'Contact'),
    params: statusParams,
    query: contactColumnQuerySchema,
    handler: async ({ req, params, query: q }): Promise<ContactColumnDto> => {
      if (!isContactStatus(params.status)) throw notFound('Statut inconnu.');
      const conditions = contactFilterConditions(q);
      return columnPage(req, conditions, params.status, boardSortOf(q.sort), q.limit, toContactDto, q.cursor);
    },
  });

  r.post('/bulk', {
    access: requirePermission(mod, 'read', 'Contact'),
    body: contactBulkSchema,
    handler: ({ req, body }) => runBulk(req, body, ensureAssignableMember),
  });

  r.post('/bulk/undo', {
    access: requirePermission(mod, 'read', 'Contact'),
    body: contactBulkUndoSchema,
    handler: ({ req, body: { token } }) => undoBulk(req, token),
  });

  r.get('/:id/history', {
    access: requirePermission(mod, 'read', 'Contact'),
    params: idParams,
    query: contactHistoryQuerySchema,
    handler: async ({ req, params, query: q }) => {
      if (!(await scoped(req, 'read', Contact).exists({ _id: params.id }))) throw notFound();
      return contactHistory(req, params.id, q.limit, q.cursor);
    },
  });

  r.post('/:id/enrich', {
    access: requirePermission(mod, 'update', 'Contact'),
    params: idParams,
    body: contactEnrichSchema,
    handler: async ({ req, params }): Promise<ContactEnrichResponse> => {
      const c = await scoped(req, 'update', Contact).findById(params.id);
      if (!c) throw notFound();
      const { fields, demo } = await enrichContact(req, c, config);
      await c.populate('assignedTo', ASSIGNEE_FIELDS);
      return { contact: toContactDto(c), fields, source: demo ? 'démo' : 'pappers' };
    },
  });

  /** Solvency entered by hand (no Coface connector yet); null clears it. */
  r.put('/:id/solvency', {
    access: requirePermission(mod, 'update', 'Contact'),
    params: idParams,
    body: contactSolvencySchema,
    handler: async ({ req, params, body: { score } }) => {
      const c = await scoped(req, 'update', Contact).findById(params.id);
      if (!c) throw notFound();
      const me = req.auth!.user;
      const previous = c.solvency?.score ?? null;
      c.set(
        'solvency',
        score === null
          ? null
          : { score, source: 'manuel', at: new Date(), by: me._id, byName: `${me.firstName} ${me.lastName}` },
      );
      await c.save();
      if (previous !== score)
        await recordContactEvents(req, [
          {
            contactId: c._id,
            type: 'solvency',
            from: previous === null ? null : String(previous),
            to: score === null ? null : String(score),
          },
        ]);
      await c.populate('assignedTo', ASSIGNEE_FIELDS);
      return toContactDto(c);
    },
  });

  return router;
}
