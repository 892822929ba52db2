/**
 * The kanban boards (contacts by status, deals by stage, later quotes and tickets): one TanStack query
 * per board and filters, holding for each column its server-side totals and its cursor pages; "load
 * more" per column; drag and drop with an optimistic move, rolled back (with a toast) when the server
 * refuses it, and the board's keys invalidated once the moves settle.
 *
 * The query key includes the filters, so a late answer (a board or a page fetched for older filters)
 * only ever lands in the cache entry of those filters, never on the board shown now. A refetch loads
 * as many pages per column as were shown, from the new first pages (like useInfiniteQuery).
 */
import { useCallback, useMemo, useRef, useState, useEffect } from 'react';
import { App } from 'antd';
import {
  hashKey,
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query';

/** A page of cards of one column. */
export interface BoardPage<C> {
  items: C[];
  /** Cursor of the next page; null at the end of the column. */
  nextCursor: string | null;
}

/** A column as the board request returns it: its key, its totals (computed by the server), its first page. */
export interface BoardColumnFirstPage<K, C, T> extends BoardPage<C> {
  key: K;
  totals: T;
}

interface BoardColumnData<K, C, T> {
  key: K;
  totals: T;
  pages: BoardPage<C>[];
}

/** What the board's query holds. */
export interface BoardData<K, C, T> {
  columns: BoardColumnData<K, C, T>[];
  /**
   * Cards moved on this board, as saved: kept in their column by the refetches that follow even when
   * they sort beyond the loaded pages, so that a card never vanishes right after being dropped.
   */
  pinned?: C[];
}

/** A column as the screen draws it. */
export interface BoardColumnView<K, C, T> {
  key: K;
  totals: T;
  /** The cards of every loaded page, in order. */
  items: C[];
  nextCursor: string | null;
  loadingMore: boolean;
  /** Why the last "load more" failed, until it is retried. */
  loadError: unknown;
}

export interface UseBoardOptions<K extends string, C, T, X = undefined> {
  /** The board's key, filters included (e.g. `dealKeys.board(filters)`). */
  queryKey: QueryKey;
  enabled?: boolean;
  /** Totals and first page of every column. */
  fetchBoard: (signal: AbortSignal) => Promise<BoardColumnFirstPage<K, C, T>[]>;
  /** The page of `column` after `cursor`. */
  fetchColumn: (column: K, cursor: string, signal?: AbortSignal) => Promise<BoardPage<C>>;
  getId: (card: C) => string;
  getColumn: (card: C) => K;
  /** The card as it looks once in column `to` (the optimistic copy). */
  placeCard: (card: C, to: K, extra: X | undefined) => C;
  /** The totals of a column once `card` is added (1) or taken out (-1). */
  countCard: (totals: T, card: C, sign: 1 | -1) => T;
  /** Saves the move on the server; resolves with the card as saved. */
  saveMove: (card: C, to: K, extra: X | undefined) => Promise<C>;
  /** French text of the toast when a move fails. */
  moveError: (card: C, error: unknown) => string;
  /** What to invalidate once the moves settle (default: the board's key). */
  invalidates?: QueryKey[];
  /** Order of a column's cards (default: as loaded, a moved card first). */
  sort?: (a: C, b: C) => number;
}

/** Prefix of the move mutations of every board, to know when the last one settles. */
const BOARD_MOVE = 'board-move';

interface Position {
  page: number;
  index: number;
}

function positionOf<K, C, T>(
  board: BoardData<K, C, T>,
  column: K,
  id: string,
  getId: (c: C) => string,
): Position | undefined {
  const col = board.columns.find((c) => c.key === column);
  if (!col) return undefined;
  for (let page = 0; page < col.pages.length; page++) {
    const index = col.pages[page]!.items.findIndex((c) => getId(c) === id);
    if (index >= 0) return { page, index };
  }
  return undefined;
}

interface MoveHelpers<K, C, T> {
  getId: (card: C) => string;
  getColumn: (card: C) => K;
  countCard: (totals: T, card: C, sign: 1 | -1) => T;
}

/** Takes `before` out of its column and puts `after` in its own (at `at`, else first), totals adjusted. */
export function moveOnBoard<K, C, T>(
  board: BoardData<K, C, T>,
  before: C,
  after: C,
  { getId, getColumn, countCard }: MoveHelpers<K, C, T>,
  at?: Position,
): BoardData<K, C, T> {
  const id = getId(before);
  const from = getColumn(before);
  const to = getColumn(after);
  return {
    ...board,
    columns: board.columns.map((col) => {
      let { pages, totals } = col;
      if (col.key === from) {
        pages = pages.map((p) => ({ ...p, items: p.items.filter((c) => getId(c) !== id) }));
        totals = countCard(totals, before, -1);
      }
      if (col.key === to) {
        const target = at && at.page < pages.length ? at : { page: 0, index: 0 };
        pages = pages.length ? pages : [{ items: [], nextCursor: null }];
        pages = pages.map((p, i) => {
          if (i !== target.page) return p;
          const items = p.items.filter((c) => getId(c) !== id);
          return { ...p, items: [...items.slice(0, target.index), after, ...items.slice(target.index)] };
        });
        totals = countCard(totals, after, 1);
      }
      return pages === col.pages && totals === col.totals ? col : { ...col, pages, totals };
    }),
  };
}

function replaceOnBoard<K, C, T>(board: BoardData<K, C, T>, card: C, getId: (c: C) => string): BoardData<K, C, T> {
  const id = getId(card);
  return {
    ...board,
    columns: board.columns.map((col) => ({
      ...col,
      pages: col.pages.map((p) => ({ ...p, items: p.items.map((c) => (getId(c) === id ? card : c)) })),
    })),
  };
}

/** Appends `page` to `column`, unless the column no longer ends at `cursor` (refetched, or appended already). */
function appendPage<K, C, T>(
  board: BoardData<K, C, T>,
  column: K,
  cursor: string,
  page: BoardPage<C>,
  getId: (c: C) => string,
): BoardData<K, C, T> {
  return {
    ...board,
    columns: board.columns.map((col) => {
      if (col.key !== column || col.pages[col.pages.length - 1]?.nextCursor !== cursor) return col;
      const known = new Set(col.pages.flatMap((p) => p.items.map(getId)));
      return { ...col, pages: [...col.pages, { ...page, items: page.items.filter((c) => !known.has(getId(c))) }] };
    }),
  };
}

/** The pinned cards found nowhere on a refetched board, put back first in their column. */
function withPinned<K, C, T>(
  board: BoardData<K, C, T>,
  getId: (c: C) => string,
  getColumn: (c: C) => K,
): BoardData<K, C, T> {
  const shown = new Set(board.columns.flatMap((col) => col.pages.flatMap((p) => p.items.map(getId))));
  const missing = (board.pinned ?? []).filter((c) => !shown.has(getId(c)));
  if (!missing.length) return board;
  return {
    ...board,
    columns: board.columns.map((col) => {
      const cards = missing.filter((c) => getColumn(c) === col.key);
      if (!cards.length) return col;
      const [first = { items: [], nextCursor: null }, ...rest] = col.pages;
      return { ...col, pages: [{ ...first, items: [...cards, ...first.items] }, ...rest] };
    }),
  };
}

interface MoveVariables<C, K, X> {
  card: C;
  to: K;
  extra: X | undefined;
  key: QueryKey;
}

interface MoveContext<C> {
  moved: C;
  at: Position | undefined;
}

type LoadMoreState = Record<string, { error?: unknown }>;

export function useBoard<K extends string, C, T, X = undefined>(options: UseBoardOptions<K, C, T, X>) {
  const { queryKey, enabled = true } = options;
  const queryClient: QueryClient = useQueryClient();
  const { message } = App.useApp();
  // The callbacks in force, for the handlers (they may be new functions on every render).
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const query = useQuery({
    queryKey,
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal, queryKey: key }): Promise<BoardData<K, C, T>> => {
      // The fetchers of the render that asked for this key (they close over its filters).
      const { fetchBoard, fetchColumn } = options;
      const first = await fetchBoard(signal);
      const shown = queryClient.getQueryData<BoardData<K, C, T>>(key);
      const columns = await Promise.all(
        first.map(async ({ key: column, totals, items, nextCursor }) => {
          const pages: BoardPage<C>[] = [{ items, nextCursor }];
          const wanted = shown?.columns.find((c) => c.key === column)?.pages.length ?? 1;
          for (let last = pages[0]!; pages.length < wanted && last.nextCursor; last = pages[pages.length - 1]!) {
            pages.push(await fetchColumn(column, last.nextCursor, signal));
          }
          return { key: column, totals, pages };
        }),
      );
      return withPinned({ columns, pinned: shown?.pinned }, options.getId, options.getColumn);
    },
  });

  const hash = hashKey(queryKey);
  const [more, setMore] = useState<LoadMoreState>({});
  const loadingMore = useRef(new Set<string>());

  /** Loads the next page of `column`; resolves with the error when it failed (also in `loadError`). */
  const loadMore = useCallback(
    async (column: K): Promise<{ error?: unknown }> => {
      const { queryKey: key, fetchColumn, getId } = latest.current;
      const id = `${hashKey(key)}|${column}`;
      const cursor = queryClient
        .getQueryData<BoardData<K, C, T>>(key)
        ?.columns.find((c) => c.key === column)
        ?.pages.at(-1)?.nextCursor;
      if (!cursor || loadingMore.current.has(id)) return {};
      loadingMore.current.add(id);
      setMore((m) => ({ ...m, [id]: {} }));
      try {
        const page = await fetchColumn(column, cursor);
        // Into the cache entry of the filters it was asked for: never onto a refiltered board.
        queryClient.setQueryData<BoardData<K, C, T>>(key, (b) => b && appendPage(b, column, cursor, page, getId));
        setMore(({ [id]: _done, ...rest }) => rest);
        return {};
      } catch (error) {
        setMore((m) => ({ ...m, [id]: { error } }));
        return { error };
      } finally {
        loadingMore.current.delete(id);
      }
    },
    [queryClient],
  );

  const mutation = useMutation<C, unknown, MoveVariables<C, K, X>, MoveContext<C>>({
    mutationKey: [BOARD_MOVE, ...queryKey],
    mutationFn: ({ card, to, extra }) => latest.current.saveMove(card, to, extra),
    onMutate: async ({ card, to, extra, key }) => {
      const o = latest.current;
      // A refetch running now would overwrite the optimistic move with the old state.
      await queryClient.cancelQueries({ queryKey: key });
      const moved = o.placeCard(card, to, extra);
      const board = queryClient.getQueryData<BoardData<K, C, T>>(key);
      const at = board && positionOf(board, o.getColumn(card), o.getId(card), o.getId);
      queryClient.setQueryData<BoardData<K, C, T>>(key, (b) => b && moveOnBoard(b, card, moved, o));
      return { moved, at };
    },
    onError: (error, { card, key }, context) => {
      const o = latest.current;
      // Back where it was, totals restored; other moves made meanwhile are kept.
      if (context)
        queryClient.setQueryData<BoardData<K, C, T>>(
          key,
          (b) => b && moveOnBoard(b, context.moved, card, o, context.at),
        );
      message.error(o.moveError(card, error));
    },
    onSuccess: (saved, { key }) => {
      const { getId } = latest.current;
      queryClient.setQueryData<BoardData<K, C, T>>(key, (b) => {
        if (!b) return b;
        const board = replaceOnBoard(b, saved, getId);
        return { ...board, pinned: [...(b.pinned ?? []).filter((c) => getId(c) !== getId(saved)), saved] };
      });
    },
    onSettled: (_saved, _error, { key }) => {
      // Once the last move settles, the server's totals and pages replace the optimistic ones.
      if (queryClient.isMutating({ mutationKey: [BOARD_MOVE] }) > 1) return;
      for (const k of latest.current.invalidates ?? [key]) void queryClient.invalidateQueries({ queryKey: k });
    },
  });
  const { mutateAsync } = mutation;

  /** Moves a card at once, then saves it; rolls back, says why and rejects when the server refuses. */
  const move = useCallback(
    (card: C, to: K, extra?: X) => mutateAsync({ card, to, extra, key: latest.current.queryKey }),
    [mutateAsync],
  );

  const { data } = query;
  const { getId, sort } = options;
  const columns = useMemo<BoardColumnView<K, C, T>[] | undefined>(
    () =>
      data?.columns.map((col) => {
        const seen = new Set<string>();
        const items = col.pages
          .flatMap((p) => p.items)
          .filter((c) => {
            const id = getId(c);
            return seen.has(id) ? false : (seen.add(id), true);
          });
        const state = more[`${hash}|${col.key}`];
        return {
          key: col.key,
          totals: col.totals,
          items: sort ? items.sort(sort) : items,
          nextCursor: col.pages.at(-1)?.nextCursor ?? null,
          loadingMore: state !== undefined && !('error' in state),
          loadError: state?.error,
        };
      }),
    [data, more, hash, getId, sort],
  );

  return {
    columns,
    data,
    /** The last error of the board's request; undefined while a new one runs. */
    error: query.isFetching ? undefined : (query.error ?? undefined),
    loading: query.isFetching,
    reload: query.refetch as () => void,
    loadMore,
    move,
  };
}
