/**
 * The deals kanban on the shared board hook (useBoard): the server's columns (totals and first cards),
 * "load more" per column, optimistic stage moves rolled back when the server refuses them, and every
 * deal query invalidated once the moves settle (totals, pages, the open drawer).
 */
import { useMemo } from 'react';
import { errorMessage, useBoard } from '@digiweb/shared-ui';
import {
  probabilityFor,
  weightedAmountOf,
  type DealBoardColumnDto,
  type DealCardDto,
  type DealStage,
} from '@digiweb/api/contracts';
import { fetchBoard, fetchColumn, moveDeal } from './api';
import { dealKeys } from './keys';
import type { DealsQuery } from './query';

export interface BoardColumn extends DealBoardColumnDto {
  loadingMore: boolean;
  loadError?: unknown;
}
export type Board = Record<DealStage, BoardColumn>;

type DealTotals = Pick<DealBoardColumnDto, 'count' | 'amount' | 'weighted'>;

const cents = (v: number) => Math.round(v * 100) / 100;
const byCloseDate = (a: DealCardDto, b: DealCardDto) =>
  a.expectedCloseDate < b.expectedCloseDate
    ? -1
    : a.expectedCloseDate > b.expectedCloseDate
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;

const getId = (d: DealCardDto) => d.id;
const getColumn = (d: DealCardDto) => d.stage;
const placeCard = (deal: DealCardDto, stage: DealStage, lossReason: string | undefined): DealCardDto => {
  const probability = probabilityFor(stage);
  return {
    ...deal,
    stage,
    probability,
    weightedAmount: weightedAmountOf(deal.amount, probability),
    lossReason: stage === 'lost' ? lossReason : undefined,
  };
};
const countCard = (t: DealTotals, d: DealCardDto, sign: 1 | -1): DealTotals => ({
  count: t.count + sign,
  amount: cents(t.amount + sign * d.amount),
  weighted: cents(t.weighted + sign * d.weightedAmount),
});
const saveMove = (deal: DealCardDto, stage: DealStage, lossReason: string | undefined) =>
  moveDeal(deal.id, lossReason ? { stage, lossReason } : { stage });
const moveError = (_deal: DealCardDto, err: unknown) => `Le deal n'a pas pu être déplacé : ${errorMessage(err)}`;

export function useDealsBoard(query: DealsQuery, enabled: boolean) {
  const board = useBoard<DealStage, DealCardDto, DealTotals, string>({
    queryKey: dealKeys.board(query),
    enabled,
    fetchBoard: async (signal) =>
      (await fetchBoard(query, signal)).columns.map(({ stage, count, amount, weighted, items, nextCursor }) => ({
        key: stage,
        totals: { count, amount, weighted },
        items,
        nextCursor,
      })),
    fetchColumn: (stage, cursor, signal) => fetchColumn(query, stage, cursor, signal),
    getId,
    getColumn,
    placeCard,
    countCard,
    saveMove,
    moveError,
    invalidates: [dealKeys.all],
    sort: byCloseDate,
  });

  const { columns } = board;
  const data = useMemo(
    () =>
      columns &&
      (Object.fromEntries(
        columns.map((c) => [
          c.key,
          {
            stage: c.key,
            ...c.totals,
            items: c.items,
            nextCursor: c.nextCursor,
            loadingMore: c.loadingMore,
            loadError: c.loadError,
          },
        ]),
      ) as Board),
    [columns],
  );
  return { ...board, data };
}
