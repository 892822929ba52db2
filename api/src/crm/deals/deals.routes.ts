/**
 * CRM → Deals: list, board (kanban) with per-stage totals computed in the database, single deal,
 * creation, edition, stage moves (dated history), owner change (audited), soft deletion and undo.
 */
import { Router, type Request } from 'express';
import mongoose from 'mongoose';
import { audit } from '../../audit/audit.js';
import { can, requirePermission, scopeFilter, type Filter } from '../../authz/index.js';
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
  type DealBoardDto,
  type DealCardDto,
  type DealColumnDto,
  type DealDto,
  type DealFilters,
  type DealStage,
  type Paginated,
  type UserSummary,
} from '../../contracts/index.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import { softDeleteRoutes } from '../../http/soft-delete.js';
import { idParam, parse } from '../../http/validate.js';
import { toUserSummary, User } from '../../team/user.model.js';
import { Contact, foldText } from '../contacts/index.js';
import { Deal, type DealDoc, dateToDay, dayToDate, dealSearchText, type DealAttrs } from './deal.model.js';

type DealAction = 'read' | 'update' | 'delete' | 'assign';
type LeanDeal = DealAttrs & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const cents = (v: number) => Math.round(v * 100) / 100;

/** Scope of the caller AND not deleted: the base of every deal query. */
function scoped(req: Request, action: DealAction): Filter {
  return { $and: [scopeFilter(req, action, 'Deal'), { deletedAt: null }] };
}

/** The filters of the list, the board and a column, as query conditions. */
function filterConditions(q: DealFilters): Filter[] {
  const and: Filter[] = [];
  if (q.q) and.push({ searchText: { $regex: escapeRegex(foldText(q.q)) } });
  if (q.owner) and.push({ owner: q.owner });
  if (q.issuingCompany) and.push({ issuingCompany: q.issuingCompany });
  if (q.amountMin !== undefined) and.push({ amount: { $gte: q.amountMin } });
  if (q.amountMax !== undefined) and.push({ amount: { $lte: q.amountMax } });
  if (q.closeFrom) and.push({ expectedCloseDate: { $gte: dayToDate(q.closeFrom) } });
  if (q.closeTo) and.push({ expectedCloseDate: { $lte: dayToDate(q.closeTo) } });
  return and;
}

/** The conditions of the list (and of its export), scope aside. */
export function dealListConditions(q: DealFilters & { stage?: DealStage }): Filter[] {
  const and = filterConditions(q);
  if (q.stage) and.push({ stage: q.stage });
  return and;
}

export function dealListSort(q: { sort: string }): Record<string, 1 | -1> {
  const dir = q.sort.startsWith('-') ? -1 : 1;
  return { [q.sort.replace(/^-/, '')]: dir, _id: dir };
}

/** Names of members, in one query, for owners and history authors. */
async function summariesOf(ids: unknown[]): Promise<Map<string, UserSummary>> {
  const unique = [...new Set(ids.filter(Boolean).map(String))];
  if (!unique.length) return new Map();
  const users = await User.find({ _id: { $in: unique } }, { firstName: 1, lastName: 1, avatarUrl: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), toUserSummary(u)]));
}

function toCardDto(d: LeanDeal, users: Map<string, UserSummary>): DealCardDto {
  return {
    id: String(d._id),
    title: d.title,
    contactId: String(d.contactId),
    contactName: d.contactName,
    companyId: d.companyId ? String(d.companyId) : null,
    companyName: d.companyName ?? undefined,
    amount: d.amount,
    stage: d.stage,
    probability: d.probability,
    weightedAmount: d.weightedAmount,
    expectedCloseDate: dateToDay(d.expectedCloseDate),
    issuingCompany: d.issuingCompany,
    owner: users.get(String(d.owner)) ?? null,
    lossReason: d.lossReason ?? undefined,
    stageChangedAt: d.stageChangedAt.toISOString(),
    wonAt: iso(d.wonAt),
    lostAt: iso(d.lostAt),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

async function toCardDtos(deals: LeanDeal[]): Promise<DealCardDto[]> {
  const users = await summariesOf(deals.map((d) => d.owner));
  return deals.map((d) => toCardDto(d, users));
}

async function toDealDto(d: LeanDeal): Promise<DealDto> {
  const users = await summariesOf([d.owner, ...d.stageHistory.map((h) => h.by)]);
  return {
    ...toCardDto(d, users),
    notes: d.notes ?? undefined,
    stageHistory: d.stageHistory.map((h) => ({
      stage: h.stage,
      at: h.at.toISOString(),
      by: h.by ? (users.get(String(h.by)) ?? null) : null,
    })),
  };
}

/** A deal the caller may act on, or 404. */
async function findDeal(req: Request, action: DealAction): Promise<LeanDeal> {
  const d = await Deal.findOne({ $and: [{ _id: idParam(req) }, scoped(req, action)] }).lean<LeanDeal>();
  if (!d) throw notFound();
  return d;
}

/** The contact of a deal: one the caller can read. Its name and company are copied on the deal. */
async function contactSnapshot(req: Request, contactId: string) {
  const refused = new HttpError(422, "Le contact choisi n'existe pas ou vous n'y avez pas accès.", [
    { path: 'contactId', message: 'Contact introuvable.' },
  ]);
  if (!can(req, 'read', 'Contact')) throw refused;
  const c = await Contact.findOne({
    $and: [{ _id: contactId }, scopeFilter(req, 'read', 'Contact'), { deletedAt: null }],
  }).lean();
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

/** Cards of a column: by expected closing day, then id; the cursor is the last card's (day, id). */
function encodeCursor(d: LeanDeal): string {
  return Buffer.from(JSON.stringify([d.expectedCloseDate.toISOString(), String(d._id)])).toString('base64url');
}

function cursorCondition(cursor: string): Filter {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !mongoose.isObjectIdOrHexString(id)) throw new Error('bad cursor');
    const oid = new mongoose.Types.ObjectId(id);
    return { $or: [{ expectedCloseDate: { $gt: date } }, { expectedCloseDate: date, _id: { $gt: oid } }] };
  } catch {
    throw new HttpError(422, 'Position de pagination invalide : rechargez le tableau.', [
      { path: 'cursor', message: 'Curseur invalide.' },
    ]);
  }
}

async function columnPage(filter: Filter, stage: DealStage, limit: number, cursor?: string): Promise<DealColumnDto> {
  const and: Filter[] = [filter, { stage }];
  if (cursor) and.push(cursorCondition(cursor));
  const rows = await Deal.find({ $and: and })
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
async function stageTotals(filter: Filter): Promise<Record<DealStage, { count: number; amount: number; weighted: number }>> {
  const match = Deal.find().cast(Deal, filter) as Filter;
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
  const mod = 'crm' as const;

  router.get('/', requirePermission(mod, 'read', 'Deal'), async (req, res) => {
    const q = parse(dealListQuerySchema, req.query);
    const filter = { $and: [scoped(req, 'read'), ...dealListConditions(q)] };
    const sort = dealListSort(q);
    const [rows, total] = await Promise.all([
      Deal.find(filter)
        .sort(sort)
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<LeanDeal[]>(),
      Deal.countDocuments(filter),
    ]);
    const body: Paginated<DealCardDto> = { items: await toCardDtos(rows), total, page: q.page, pageSize: q.pageSize };
    res.json(body);
  });

  /** The kanban: per stage, count / amount / weighted amount and the first cards. */
  router.get('/board', requirePermission(mod, 'read', 'Deal'), async (req, res) => {
    const q = parse(dealBoardQuerySchema, req.query);
    const filter = { $and: [scoped(req, 'read'), ...filterConditions(q)] };
    const [totals, pages] = await Promise.all([
      stageTotals(filter),
      Promise.all(
        DEAL_STAGES.map((s) =>
          q.limit > 0 ? columnPage(filter, s, q.limit) : Promise.resolve<DealColumnDto>({ items: [], nextCursor: null }),
        ),
      ),
    ]);
    const body: DealBoardDto = {
      columns: DEAL_STAGES.map((stage, i) => ({ stage, ...totals[stage], ...pages[i]! })),
    };
    res.json(body);
  });

  /** More cards of one column ("load more"). */
  router.get('/board/:stage', requirePermission(mod, 'read', 'Deal'), async (req, res) => {
    const stage = req.params.stage;
    if (!isDealStage(stage)) throw notFound('Étape inconnue.');
    const q = parse(dealColumnQuerySchema, req.query);
    const filter = { $and: [scoped(req, 'read'), ...filterConditions(q)] };
    res.json(await columnPage(filter, stage, q.limit, q.cursor));
  });

  router.get('/:id', requirePermission(mod, 'read', 'Deal'), async (req, res) => {
    res.json(await toDealDto(await findDeal(req, 'read')));
  });

  router.post('/', requirePermission(mod, 'create', 'Deal'), async (req, res) => {
    const input = parse(dealCreateSchema, req.body);
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
    res.status(201).json(await toDealDto(created.toObject() as LeanDeal));
  });

  router.patch('/:id', requirePermission(mod, 'update', 'Deal'), async (req, res) => {
    const id = idParam(req);
    const input = parse(dealUpdateSchema, req.body);
    const d = await Deal.findOne({ $and: [{ _id: id }, scoped(req, 'update')] });
    if (!d) throw notFound();
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
    res.json(await toDealDto(d.toObject() as LeanDeal));
  });

  /** Moves a deal to a stage (the kanban drop), recording the move in its history. */
  router.post('/:id/stage', requirePermission(mod, 'update', 'Deal'), async (req, res) => {
    const id = idParam(req);
    const input = parse(dealStageMoveSchema, req.body);
    const current = await findDeal(req, 'update');
    if (current.stage === input.stage) return res.json(await toDealDto(current));
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
    const moved = await Deal.findOneAndUpdate({ $and: [{ _id: id, stage: current.stage }, scoped(req, 'update')] }, update, {
      returnDocument: 'after',
    }).lean<LeanDeal>();
    if (!moved) throw new HttpError(409, 'Ce deal vient d’être modifié par quelqu’un d’autre. Rechargez la page.');
    res.json(await toDealDto(moved));
  });

  /** Changes the owner (admins): audited. */
  router.post('/:id/owner', requirePermission(mod, 'assign', 'Deal'), async (req, res) => {
    const id = idParam(req);
    const { owner } = parse(dealOwnerSchema, req.body);
    await ensureDealOwner(owner);
    const d = await Deal.findOne({ $and: [{ _id: id }, scoped(req, 'assign')] });
    if (!d) throw notFound();
    const previous = String(d.owner);
    if (previous !== owner) {
      d.set('owner', owner);
      await d.save();
      await audit(req, 'deal.owner_change', { subject: 'Deal', subjectId: id, details: { from: previous, to: owner, title: d.title } });
    }
    res.json(await toDealDto(d.toObject() as LeanDeal));
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
