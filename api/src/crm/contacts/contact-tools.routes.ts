/**
 * CRM → Contacts, beyond the record itself: kanban board by status, tag suggestions, bulk actions and
 * their undo, interaction history, Pappers enrichment, solvency. Mounted before the contacts router on
 * the same path (`/crm/contacts/board` must not be read as a contact id).
 */
import { Router } from 'express';
import type { Config } from '../../config.js';
import { requirePermission, type Filter } from '../../authz/index.js';
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
  isContactStatus,
  type ContactBoardDto,
  type ContactEnrichResponse,
  type TagSuggestion,
} from '../../contracts/index.js';
import { notFound } from '../../http/errors.js';
import { idParam, parse } from '../../http/validate.js';
import { boardSortOf, columnPage, statusCounts } from './contact-board.js';
import { runBulk, undoBulk } from './contact-bulk.js';
import { enrichContact } from './contact-enrich.js';
import { recordContactEvents } from './contact-events.js';
import { contactHistory } from './contact-history.js';
import { Contact } from './contact.model.js';
import { contactFilterConditions, scopedContacts } from './contact.query.js';
import { ensureAssignableMember, toContactDto } from './contacts.routes.js';

const ASSIGNEE_FIELDS = 'firstName lastName avatarUrl';
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function contactToolsRouter(config: Config): Router {
  const router = Router();
  const mod = 'crm' as const;

  /** Tags of the contacts in the caller's scope, most used first (suggestions of the tag pickers). */
  router.get('/tags', requirePermission(mod, 'read', 'Contact'), async (req, res) => {
    const q = parse(contactTagsQuerySchema, req.query);
    const match = Contact.find().cast(Contact, scopedContacts(req, 'read')) as Filter;
    const rows = await Contact.aggregate<{ _id: string; n: number }>([
      { $match: match },
      { $unwind: '$tags' },
      ...(q.q ? [{ $match: { tags: { $regex: escapeRegex(q.q), $options: 'i' } } }] : []),
      { $group: { _id: '$tags', n: { $sum: 1 } } },
      { $sort: { n: -1, _id: 1 } },
      { $limit: q.limit },
    ]);
    const body: TagSuggestion[] = rows.map((r) => ({ tag: r._id, count: r.n }));
    res.json(body);
  });

  /** The kanban: per status, the count and the first cards. */
  router.get('/board', requirePermission(mod, 'read', 'Contact'), async (req, res) => {
    const q = parse(contactBoardQuerySchema, req.query);
    const filter = { $and: [scopedContacts(req, 'read'), ...contactFilterConditions(q)] };
    const sort = boardSortOf(q.sort);
    const [counts, pages] = await Promise.all([
      statusCounts(filter),
      Promise.all(CONTACT_STATUSES.map((s) => columnPage(filter, s, sort, q.limit, toContactDto))),
    ]);
    const body: ContactBoardDto = {
      columns: CONTACT_STATUSES.map((status, i) => ({ status, count: counts[status], ...pages[i]! })),
    };
    res.json(body);
  });

  /** More cards of one column ("Afficher plus"). */
  router.get('/board/:status', requirePermission(mod, 'read', 'Contact'), async (req, res) => {
    const status = req.params.status;
    if (!isContactStatus(status)) throw notFound('Statut inconnu.');
    const q = parse(contactColumnQuerySchema, req.query);
    const filter = { $and: [scopedContacts(req, 'read'), ...contactFilterConditions(q)] };
    res.json(await columnPage(filter, status, boardSortOf(q.sort), q.limit, toContactDto, q.cursor));
  });

  router.post('/bulk', requirePermission(mod, 'read', 'Contact'), async (req, res) => {
    const input = parse(contactBulkSchema, req.body);
    res.json(await runBulk(req, input, ensureAssignableMember));
  });

  router.post('/bulk/undo', requirePermission(mod, 'read', 'Contact'), async (req, res) => {
    const { token } = parse(contactBulkUndoSchema, req.body);
    res.json(await undoBulk(req, token));
  });

  router.get('/:id/history', requirePermission(mod, 'read', 'Contact'), async (req, res) => {
    const id = idParam(req);
    const q = parse(contactHistoryQuerySchema, req.query);
    const exists = await Contact.exists({ $and: [{ _id: id }, scopedContacts(req, 'read')] });
    if (!exists) throw notFound();
    res.json(await contactHistory(req, id, q.limit, q.cursor));
  });

  router.post('/:id/enrich', requirePermission(mod, 'update', 'Contact'), async (req, res) => {
    const id = idParam(req);
    parse(contactEnrichSchema, req.body);
    const c = await Contact.findOne({ $and: [{ _id: id }, scopedContacts(req, 'update')] });
    if (!c) throw notFound();
    const { fields, demo } = await enrichContact(req, c, config);
    await c.populate('assignedTo', ASSIGNEE_FIELDS);
    const body: ContactEnrichResponse = { contact: toContactDto(c), fields, source: demo ? 'démo' : 'pappers' };
    res.json(body);
  });

  /** Solvency entered by hand (no Coface connector yet); null clears it. */
  router.put('/:id/solvency', requirePermission(mod, 'update', 'Contact'), async (req, res) => {
    const id = idParam(req);
    const { score } = parse(contactSolvencySchema, req.body);
    const c = await Contact.findOne({ $and: [{ _id: id }, scopedContacts(req, 'update')] });
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
    res.json(toContactDto(c));
  });

  return router;
}
