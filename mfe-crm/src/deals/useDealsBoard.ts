/**
 * State of the kanban: the server's columns (totals and first cards), "load more" per column, and
 * optimistic stage moves rolled back when the server refuses them. Totals come from the server: after
 * moves settle they are fetched again (totals only) so the headers never drift from the database.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useRemoteData } from '@digiweb/shared-ui';
import {
  probabilityFor,
  weightedAmountOf,
  type DealBoardColumnDto,
  type DealCardDto,
  type DealDto,
  type DealStage,
} from '@digiweb/api/contracts';
import { fetchBoard, fetchColumn, moveDeal } from './api';
import { filtersKey, type DealsQuery } from './query';

export interface BoardColumn extends DealBoardColumnDto {
  loadingMore: boolean;
  loadError?: unknown;
}
export type Board = Record<DealStage, BoardColumn>;

const cents = (v: number) => Math.round(v * 100) / 100;
const byCloseDate = (a: DealCardDto, b: DealCardDto) =>
  a.expectedCloseDate < b.expectedCloseDate ? -1 : a.expectedCloseDate > b.expectedCloseDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function toBoard(columns: DealBoardColumnDto[]): Board {
  return Object.fromEntries(columns.map((c) => [c.stage, { ...c, loadingMore: false }])) as Board;
}

function withColumn(board: Board, stage: DealStage, update: (c: BoardColumn) => BoardColumn): Board {
  return { ...board, [stage]: update(board[stage]) };
}

/** Takes `before` out of its column and puts `after` in its own, sorted, with the totals adjusted. */
function applyMove(board: Board, before: DealCardDto, after: DealCardDto): Board {
  const out = withColumn(board, before.stage, (c) => ({
    ...c,
    items: c.items.filter((d) => d.id !== before.id),
    count: c.count - 1,
    amount: cents(c.amount - before.amount),
    weighted: cents(c.weighted - before.weightedAmount),
  }));
  return withColumn(out, after.stage, (c) => ({
    ...c,
    items: [...c.items.filter((d) => d.id !== after.id), after].sort(byCloseDate),
    count: c.count + 1,
    amount: cents(c.amount + after.amount),
    weighted: cents(c.weighted + after.weightedAmount),
  }));
}

/** The card as the server returned it (same stage), in place. */
function replaceCard(board: Board, deal: DealCardDto): Board {
  return withColumn(board, deal.stage, (c) => ({
    ...c,
    items: c.items.map((d) => (d.id === deal.id ? deal : d)).sort(byCloseDate),
  }));
}

export function useDealsBoard(query: DealsQuery, enabled: boolean) {
  const key = enabled ? filtersKey(query) : null;
  const remote = useRemoteData(key, (signal) => fetchBoard(query, signal).then((b) => toBoard(b.columns)));
  const { setData, reload } = remote;

  // The filters in force and a counter of local changes, so late answers never apply to a newer state.
  const current = useRef({ query, key });
  useEffect(() => {
    current.current = { query, key };
  });
  const changes = useRef(0);
  const pendingMoves = useRef(0);

  const refreshTotals = useCallback(async () => {
    const { query: q, key: k } = current.current;
    const seen = changes.current;
    try {
      const fresh = await fetchBoard(q, undefined, 0);
      if (current.current.key !== k || changes.current !== seen) return;
      setData((b) => {
        if (!b) return b;
        let next = b;
        for (const c of fresh.columns)
          next = withColumn(next, c.stage, (col) => ({ ...col, count: c.count, amount: c.amount, weighted: c.weighted }));
        return next;
      });
    } catch {
      // The optimistic totals stay; the next load corrects them.
    }
  }, [setData]);

  // The board as last rendered, to decide what to load (setState updaters may run later).
  const board = useRef(remote.data);
  useEffect(() => {
    board.current = remote.data;
  });
  const loading = useRef(new Set<DealStage>());

  const loadMore = useCallback(
    async (stage: DealStage) => {
      const { query: q, key: k } = current.current;
      const cursor = board.current?.[stage].nextCursor;
      if (!cursor || loading.current.has(stage)) return;
      loading.current.add(stage);
      setData((b) => b && withColumn(b, stage, (c) => ({ ...c, loadingMore: true, loadError: undefined })));
      try {
        const page = await fetchColumn(q, stage, cursor);
        if (current.current.key !== k) return;
        setData((b) =>
          b &&
          withColumn(b, stage, (c) => {
            const known = new Set(c.items.map((d) => d.id));
            return {
              ...c,
              items: [...c.items, ...page.items.filter((d) => !known.has(d.id))].sort(byCloseDate),
              nextCursor: page.nextCursor,
              loadingMore: false,
            };
          }),
        );
      } catch (err) {
        if (current.current.key !== k) return;
        setData((b) => b && withColumn(b, stage, (c) => ({ ...c, loadingMore: false, loadError: err })));
      } finally {
        loading.current.delete(stage);
      }
    },
    [setData],
  );

  /** Moves a card at once, then asks the server; rolls back and rethrows if it refuses. */
  const move = useCallback(
    async (deal: DealCardDto, stage: DealStage, lossReason?: string): Promise<DealDto> => {
      const probability = probabilityFor(stage);
      const optimistic: DealCardDto = {
        ...deal,
        stage,
        probability,
        weightedAmount: weightedAmountOf(deal.amount, probability),
        lossReason: stage === 'lost' ? lossReason : undefined,
      };
      changes.current++;
      pendingMoves.current++;
      setData((b) => b && applyMove(b, deal, optimistic));
      try {
        const saved = await moveDeal(deal.id, lossReason ? { stage, lossReason } : { stage });
        setData((b) => b && replaceCard(b, saved));
        return saved;
      } catch (err) {
        changes.current++;
        setData((b) => b && applyMove(b, optimistic, deal));
        throw err;
      } finally {
        pendingMoves.current--;
        if (pendingMoves.current === 0) void refreshTotals();
      }
    },
    [setData, refreshTotals],
  );

  /** A deal edited elsewhere (drawer): updated in place when its card is loaded in its stage, else reloaded. */
  const updated = useCallback(
    (deal: DealCardDto) => {
      if (board.current?.[deal.stage].items.some((d) => d.id === deal.id)) {
        changes.current++;
        setData((b) => b && replaceCard(b, deal));
        void refreshTotals();
      } else reload();
    },
    [setData, refreshTotals, reload],
  );

  return { ...remote, loadMore, move, updated };
}
