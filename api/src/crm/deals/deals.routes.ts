/**
 * CRM → Deals: list, board (kanban) with per-stage totals computed in the database, single deal,
 * creation, edition, stage moves (dated history), owner change (audited), soft deletion and undo.
 */
import { Router, type Request } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import { audit } from '../../audit/audit.js';
import { can, requirePermission, type Filter } from '../../authz/index.js';
import { allOf, scoped } from '../../authz/scoped.js';
import {
  CLOSED_DEAL_STAGES,
  DEAL_STAGES,
  LOSS_REASON_REQUIRED,
  dealBoardQuerySchema,
  dealColumnQuerySchema,
  dealCreateSchema,
  dealListQuerySchema,
  dealOwnerSchema,
  dealStageMoveSchema,
  dealUpdateSchema,
  isDealStage,
  probabilityFor,
  subject,
  weightedAmountOf,
  type Action,
  type DealBoardDto,
  type DealCardDto,
  type DealColumnDto,
  type DealStage,
  type Paginated,
} from '../../contracts/index.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import { idParams, routeTable } from '../../http/route.js';
import { softDeleteRoutes } from '../../http/soft-delete.js';
import { User } from '../../team/user.model.js';
import { Contact } from '../contacts/index.js';
import { toCardDtos, toDealDto, type LeanDeal } from './deal.mapper.js';
import { Deal, type DealDoc, dayToDate, dealSearchText } from './deal.model.js';
import { cursorCondition, dealFilterConditions, dealListConditions, dealListSort, encodeCursor } from './deal.query.js';

const cents = (v: number) => Math.round(v * 100) / 100;
const stageParams = z.object({ stage: z.string() }).strict();

/** A deal the caller may act on, or 404. */
async function findDeal(req: Request, action: Action, id: string): Promise<LeanDeal> {
  const d = await scoped(req, action, Deal).findById(id).lean<LeanDeal>();
  if (!d) throw notFound();
  return d;
}

/** The contact of a deal: one the caller can read. Its name and company are copied on the deal. */
async function contactSnapshot(req: Request, contactId: string) {
  const refused = new HttpError(422, "Le contact choisi n'existe pas ou vous n'y avez pas accès.", [
    { path: 'contactId', message: 'Contact introuvable.' },
  ]);
  if (!can(req, 'read', 'Contact')) throw refused;
  const c = await scoped(req, 'read', Contact).findById(contactId).lean();
  if (!c) throw refused;
  // `companyId` arrives on contacts with the companies screen; read it whether or not the schema has it yet.
  const companyId = (c as { companyId?: unknown }).companyId;
  return {
    contactId: c._id,
    contactName: `${c.firstName} ${c.lastName}`,
    companyId: companyId ? new mongoose.Types.ObjectId(String(companyId)) : null,
    companyName: c.companyName ?? undefined,
  };
}

/** Owners are active sales reps or administrators. */
async function ensureDealOwner(id: string): Promise<void> {
  const ok = await User.exists({ _id: id, status: 'active', role: { $in: ['sales', 'admin'] } });
  if (!ok)
    throw new HttpError(422, "Le propriétaire choisi n'existe pas, n'est plus actif ou n'est pas commercial.", [
      { path: 'owner', message: 'Membre inconnu, inactif ou hors équipe Vente.' },
    ]);
}

/** A page of one column's cards, among the deals the caller reads that meet the conditions. */
async function columnPage(
  req: Request,
  conditions: Filter[],
  stage: DealStage,
  limit: number,
  cursor?: string,
): Promise<DealColumnDto> {
  const and: Filter[] = [...conditions, { stage }];
  if (cursor) and.push(cursorCondition(cursor));
  const rows = await scoped(req, 'read', Deal)
    .find({ $and: and })
    .sort({ expectedCloseDate: 1, _id: 1 })
    .limit(limit + 1)
    .lean<LeanDeal[]>();
  const page = rows.slice(0, limit);
  return {
    items: await toCardDtos(page),
    nextCursor: rows.length > limit && page.length ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/**
 * Per-stage sums in the database. FerretDB v1 computes only the first accumulator of a `$group`
 * (FerretDB issue #4616) and lacks `$multiply` there, so each figure is its own one-accumulator
 * pipeline over the stored `weightedAmount`. `$match` is not cast by mongoose: cast it here.
 */
async function stageTotals(
  req: Request,
  conditions: Filter[],
): Promise<Record<DealStage, { count: number; amount: number; weighted: number }>> {
  // An aggregation does not go through the query builder: its `$match` is the builder's condition.
  const match = Deal.find().cast(Deal, scoped(req, 'read', Deal).where(allOf(conditions))) as Filter;
  const sumBy = async (value: 1 | string) => {
    const rows = await Deal.aggregate<{ _id: string; v: number }>([
      { $match: match },
      { $group: { _id: '$stage', v: { $sum: value } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.v]));
  };
  const [count, amount, weighted] = await Promise.all([sumBy(1), sumBy('$amount'), sumBy('$weightedAmount')]);
  return Object.fromEntries(
    DEAL_STAGES.map((s) => [
      s,
      { count: count.get(s) ?? 0, amount: cents(amount.get(s) ?? 0), weighted: cents(weighted.get(s) ?? 0) },
    ]),
  ) as Record<DealStage, { count: number; amount: number; weighted: number }>;
}

export function dealsRouter(): Router {
  const router = Router();
  const r = routeTable(router);
  const mod = 'crm' as const;

  r.get('/', {
    access: requirePermission(mod, 'read', 'Deal'),
    query: dealListQuerySchema,
    handler: async ({ req, query: q }): Promise<Paginated<DealCardDto>> => {
      const deals = scoped(req, 'read', Deal);
      const conditions = allOf(dealListConditions(q));
      const [rows, total] = await Promise.all([
        deals
          .find(conditions)
          .sort(dealListSort(q))
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .lean<LeanDeal[]>(),
        deals.countDocuments(conditions),
      ]);
      return { items: await toCardDtos(rows), total, page: q.page, pageSize: q.pageSize };
    },
  });

  /** The kanban: per stage, count / amount / weighted amount and the first cards. */
  r.get('/board', {
    access: requirePermission(mod, 'read', 'Deal'),
    query: dealBoardQuerySchema,
    handler: async ({ req, query: q }): Promise<DealBoardDto> => {
      const conditions = dealFilterConditions(q);
      const [totals, pages] = await Promise.all([
        stageTotals(req, conditions),
        Promise.all(
          DEAL_STAGES.map((s) =>
            q.limit > 0
              ? columnPage(req, conditions, s, q.limit)
              : Promise.resolve<DealColumnDto>({ items: [], nextCursor: null }),
          ),
        ),
      ]);
      return { columns: DEAL_STAGES.map((stage, i) => ({ stage, ...totals[stage], ...pages[i]! })) };
    },
  });

  /** More cards of one column ("load more"). */
  r.get('/board/:stage', {
    access: requirePermission(mod, 'read', 'Deal'),
    params: stageParams,
    query: dealColumnQuerySchema,
    handler: async ({ req, params, query: q }): Promise<DealColumnDto> => {
      if (!isDealStage(params.stage)) throw notFound('Étape inconnue.');
      return columnPage(req, dealFilterConditions(q), params.stage, q.limit, q.cursor);
    },
  });

  r.get('/:id', {
    access: requirePermission(mod, 'read', 'Deal'),
    params: idParams,
    handler: async ({ req, params }) => toDealDto(await findDeal(req, 'read', params.id)),
  });

  r.post('/', {
    access: requirePermission(mod, 'create', 'Deal'),
    body: dealCreateSchema,
    status: 201,
    handler: async ({ req, body: input }) => {
      const me = req.auth!.user;
      const owner = input.owner ?? String(me._id);
      if (!req.auth!.ability.can('create', subject('Deal', { owner })))
        throw forbidden('Seuls les administrateurs peuvent créer un deal pour un autre membre.');
      if (input.owner !== undefined) await ensureDealOwner(owner);
      const snapshot = await contactSnapshot(req, input.contactId);
      const now = new Date();
      const probability = probabilityFor(input.stage, input.probability);
      const created = await Deal.create({
        title: input.title,
        ...snapshot,
        amount: input.amount,
        stage: input.stage,
        probability,
        weightedAmount: weightedAmountOf(input.amount, probability),
        expectedCloseDate: dayToDate(input.expectedCloseDate),
        issuingCompany: input.issuingCompany,
        owner,
        lossReason: input.stage === 'lost' ? input.lossReason : undefined,
        notes: input.notes,
        stageHistory: [{ stage: input.stage, at: now, by: me._id }],
        stageChangedAt: now,
        wonAt: input.stage === 'won' ? now : null,
        lostAt: input.stage === 'lost' ? now : null,
        createdBy: me._id,
        searchText: dealSearchText({ title: input.title, ...snapshot }),
      });
      return toDealDto(created.toObject() as LeanDeal);
    },
  });

  r.patch('/:id', {
    access: requirePermission(mod, 'update', 'Deal'),
    params: idParams,
    body: dealUpdateSchema,
    handler: async ({ req, params, body: input }) => {
      const d = await scoped(req, 'update', Deal).findById(params.id);
      if (!d) throw notFound();
      // The fields sent, even empty: an empty one is cleared.
      const sent = new Set(Object.keys((req.body ?? {}) as object));
      const closed = CLOSED_DEAL_STAGES.includes(d.stage);

      if (sent.has('lossReason')) {
        if (d.stage !== 'lost' && input.lossReason)
          throw new HttpError(422, 'Le motif de perte ne concerne que les deals perdus.', [
            { path: 'lossReason', message: 'Réservé aux deals perdus.' },
          ]);
        if (d.stage === 'lost' && !input.lossReason)
          throw new HttpError(422, LOSS_REASON_REQUIRED, [{ path: 'lossReason', message: LOSS_REASON_REQUIRED }]);
      }
      if (input.probability !== undefined && closed && input.probability !== probabilityFor(d.stage))
        throw new HttpError(422, "La probabilité d'un deal gagné ou perdu est fixée (100 % ou 0 %).", [
          { path: 'probability', message: 'Fixée par l’étape.' },
        ]);
      if (input.contactId !== undefined && input.contactId !== String(d.contactId))
        d.set(await contactSnapshot(req, input.contactId));

      for (const key of ['title', 'amount', 'probability', 'issuingCompany', 'notes', 'lossReason'] as const) {
        if (sent.has(key)) d.set(key, input[key]);
      }
      if (input.expectedCloseDate) d.expectedCloseDate = dayToDate(input.expectedCloseDate);
      d.weightedAmount = weightedAmountOf(d.amount, d.probability);
      d.searchText = dealSearchText(d);
      await d.save();
      return toDealDto(d.toObject() as LeanDeal);
    },
  });

  /** Moves a deal to a stage (the kanban drop), recording the move in its history. */
  r.post('/:id/stage', {
    access: requirePermission(mod, 'update', 'Deal'),
    params: idParams,
    body: dealStageMoveSchema,
    handler: async ({ req, params, body: input }) => {
      const current = await findDeal(req, 'update', params.id);
      if (current.stage === input.stage) return toDealDto(current);
      const now = new Date();
      const probability = probabilityFor(input.stage, input.probability);
      const set: Record<string, unknown> = {
        stage: input.stage,
        probability,
        weightedAmount: weightedAmountOf(current.amount, probability),
        stageChangedAt: now,
        wonAt: input.stage === 'won' ? now : null,
        lostAt: input.stage === 'lost' ? now : null,
      };
      const update: Record<string, unknown> = {
        $set: set,
        $push: { stageHistory: { stage: input.stage, at: now, by: req.auth!.user._id } },
      };
      if (input.stage === 'lost') set.lossReason = input.lossReason;
      else update.$unset = { lossReason: 1 };
      // Only from the stage we read: two moves at once cannot both be recorded from the same stage.
      const moved = await scoped(req, 'update', Deal)
        .findOneAndUpdate({ _id: params.id, stage: current.stage }, update, { returnDocument: 'after' })
        .lean<LeanDeal>();
      if (!moved) throw new HttpError(409, 'Ce deal vient d’être modifié par quelqu’un d’autre. Rechargez la page.');
      return toDealDto(moved);
    },
  });

  /** Changes the owner (admins): audited. */
  r.post('/:id/owner', {
    access: requirePermission(mod, 'assign', 'Deal'),
    params: idParams,
    body: dealOwnerSchema,
    handler: async ({ req, params, body: { owner } }) => {
      await ensureDealOwner(owner);
      const d = await scoped(req, 'assign', Deal).findById(params.id);
      if (!d) throw notFound();
      const previous = String(d.owner);
      if (previous !== owner) {
        d.set('owner', owner);
        await d.save();
        await audit(req, 'deal.owner_change', {
          subject: 'Deal',
          subjectId: params.id,
          details: { from: previous, to: owner, title: d.title },
        });
      }
      return toDealDto(d.toObject() as LeanDeal);
    },
  });

  softDeleteRoutes<DealDoc>(router, {
    module: mod,
    subject: 'Deal',
    model: Deal,
    base: '/api/crm/deals',
    audit: { delete: 'deal.delete', restore: 'deal.restore' },
    describe: (d) => ({ title: d.title }),
    restored: async (_req, d) => toDealDto(d.toObject() as LeanDeal),
  });

  return router;
}
