/** Deal records as the API answers them: the card (list, board) and the full DTO (with its history). */
import type mongoose from 'mongoose';
import type { DealCardDto, DealDto, UserSummary } from '../../contracts/index.js';
import { toUserSummary, User } from '../../team/user.model.js';
import { dateToDay, type DealAttrs } from './deal.model.js';

export type LeanDeal = DealAttrs & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

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

export async function toCardDtos(deals: LeanDeal[]): Promise<DealCardDto[]> {
  const users = await summariesOf(deals.map((d) => d.owner));
  return deals.map((d) => toCardDto(d, users));
}

export async function toDealDto(d: LeanDeal): Promise<DealDto> {
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
