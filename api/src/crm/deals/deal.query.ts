/** The filters of the deals list, board and export as query conditions (scope aside), their order and cursor. */
import mongoose from 'mongoose';
import type { Filter } from '../../authz/index.js';
import { escapeRegex, type DealFilters, type DealStage } from '../../contracts/index.js';
import { HttpError } from '../../http/errors.js';
import { foldText } from '../contacts/index.js';
import { dayToDate } from './deal.model.js';
import type { LeanDeal } from './deal.mapper.js';

/** The filters of the list, the board and a column, as query conditions. */
export function dealFilterConditions(q: DealFilters): Filter[] {
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
  const and = dealFilterConditions(q);
  if (q.stage) and.push({ stage: q.stage });
  return and;
}

export function dealListSort(q: { sort: string }): Record<string, 1 | -1> {
  const dir = q.sort.startsWith('-') ? -1 : 1;
  return { [q.sort.replace(/^-/, '')]: dir, _id: dir };
}

/** Cards of a column: by expected closing day, then id; the cursor is the last card's (day, id). */
export function encodeCursor(d: LeanDeal): string {
  return Buffer.from(JSON.stringify([d.expectedCloseDate.toISOString(), String(d._id)])).toString('base64url');
}

/** The cards after the cursor's, in the column's order. */
export function cursorCondition(cursor: string): Filter {
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
