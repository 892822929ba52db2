import type { ReactNode } from 'react';
import { App } from 'antd';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../src/query.js';
import { useBoard, type BoardColumnFirstPage, type BoardPage, type UseBoardOptions } from '../src/board.js';

type Col = 'todo' | 'done';
interface Card {
  id: string;
  col: Col;
  amount: number;
}
interface Totals {
  count: number;
  amount: number;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const card = (id: string, col: Col, amount = 10): Card => ({ id, col, amount });
function column(
  key: Col,
  items: Card[],
  nextCursor: string | null = null,
  count = items.length,
): BoardColumnFirstPage<Col, Card, Totals> {
  return { key, items, nextCursor, totals: { count, amount: items.reduce((s, c) => s + c.amount, 0) } };
}

let client: QueryClient;
function wrapper({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <App>{children}</App>
    </QueryClientProvider>
  );
}
afterEach(() => client.clear());

type Fetchers = Pick<UseBoardOptions<Col, Card, Totals>, 'fetchBoard' | 'fetchColumn' | 'saveMove'>;

function renderBoard(initialFilter: string, fetchers: (filter: string) => Fetchers) {
  client = createQueryClient();
  return renderHook(
    ({ filter }: { filter: string }) =>
      useBoard<Col, Card, Totals>({
        queryKey: ['cards', 'board', { filter }],
        ...fetchers(filter),
        getId: (c) => c.id,
        getColumn: (c) => c.col,
        placeCard: (c, to) => ({ ...c, col: to }),
        countCard: (t, c, sign) => ({ count: t.count + sign, amount: t.amount + sign * c.amount }),
        moveError: (c, err) => `La carte ${c.id} n'a pas pu être déplacée : ${String(err)}`,
      }),
    { wrapper, initialProps: { filter: initialFilter } },
  );
}

const ids = (cols: { key: Col; items: Card[] }[] | undefined, key: Col) =>
  cols?.find((c) => c.key === key)?.items.map((c) => c.id);
const totals = (cols: { key: Col; totals: Totals }[] | undefined, key: Col) => cols?.find((c) => c.key === key)?.totals;

describe('useBoard', () => {
  it('never lets the late answer of older filters overwrite the board of the newer ones', async () => {
    const answers = {
      old: deferred<BoardColumnFirstPage<Col, Card, Totals>[]>(),
      new: deferred<BoardColumnFirstPage<Col, Card, Totals>[]>(),
    };
    const { result, rerender } = renderBoard('old', (filter) => ({
      fetchBoard: () => answers[filter as 'old' | 'new'].promise,
      fetchColumn: vi.fn(),
      saveMove: vi.fn(),
    }));
    expect(result.current.loading).toBe(true);
    rerender({ filter: 'new' });
    await act(async () => answers.new.resolve([column('todo', [card('n1', 'todo')]), column('done', [])]));
    await act(async () =>
      answers.old.resolve([column('todo', [card('o1', 'todo')]), column('done', [card('o2', 'done')])]),
    );
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(ids(result.current.columns, 'todo')).toEqual(['n1']);
    expect(ids(result.current.columns, 'done')).toEqual([]);
  });

  it('never appends a page asked for older filters to a refiltered board', async () => {
    const page = deferred<BoardPage<Card>>();
    const { result, rerender } = renderBoard('old', (filter) => ({
      fetchBoard: async () =>
        filter === 'old'
          ? [column('todo', [card('o1', 'todo')], 'cursor-old', 2), column('done', [])]
          : [column('todo', [card('n1', 'todo')], 'cursor-new', 2), column('done', [])],
      fetchColumn: () => page.promise,
      saveMove: vi.fn(),
    }));
    await waitFor(() => expect(ids(result.current.columns, 'todo')).toEqual(['o1']));
    let loading!: Promise<unknown>;
    act(() => {
      loading = result.current.loadMore('todo');
    });
    rerender({ filter: 'new' });
    await waitFor(() => expect(ids(result.current.columns, 'todo')).toEqual(['n1']));
    await act(async () => {
      page.resolve({ items: [card('o2', 'todo')], nextCursor: null });
      await loading;
    });
    expect(ids(result.current.columns, 'todo')).toEqual(['n1']);
    expect(result.current.columns?.find((c) => c.key === 'todo')?.nextCursor).toBe('cursor-new');
  });

  it('loads the next page of a column', async () => {
    const { result } = renderBoard('all', () => ({
      fetchBoard: async () => [column('todo', [card('t1', 'todo')], 'c1', 2), column('done', [])],
      fetchColumn: async (col, cursor) => {
        expect([col, cursor]).toEqual(['todo', 'c1']);
        return { items: [card('t2', 'todo')], nextCursor: null };
      },
      saveMove: vi.fn(),
    }));
    await waitFor(() => expect(ids(result.current.columns, 'todo')).toEqual(['t1']));
    await act(() => result.current.loadMore('todo'));
    expect(ids(result.current.columns, 'todo')).toEqual(['t1', 't2']);
    expect(result.current.columns?.[0]?.nextCursor).toBeNull();
  });

  it('rolls a refused move back to its column, with its totals, and says why', async () => {
    const save = deferred<Card>();
    const fetchBoard = vi.fn(async () => [
      column('todo', [card('a', 'todo', 10), card('b', 'todo', 5)]),
      column('done', [card('c', 'done', 7)]),
    ]);
    const { result } = renderBoard('all', () => ({ fetchBoard, fetchColumn: vi.fn(), saveMove: () => save.promise }));
    await waitFor(() => expect(ids(result.current.columns, 'todo')).toEqual(['a', 'b']));

    let moving!: Promise<Card>;
    act(() => {
      moving = result.current.move(card('a', 'todo', 10), 'done');
      moving.catch(() => undefined);
    });
    // Moved at once, totals adjusted.
    await waitFor(() => expect(ids(result.current.columns, 'done')).toEqual(['a', 'c']));
    expect(totals(result.current.columns, 'todo')).toEqual({ count: 1, amount: 5 });
    expect(totals(result.current.columns, 'done')).toEqual({ count: 2, amount: 17 });

    await act(async () => {
      save.reject(new Error('refusé'));
      await expect(moving).rejects.toThrow('refusé');
    });
    expect(ids(result.current.columns, 'todo')).toEqual(['a', 'b']);
    expect(ids(result.current.columns, 'done')).toEqual(['c']);
    expect(totals(result.current.columns, 'todo')).toEqual({ count: 2, amount: 15 });
    expect(totals(result.current.columns, 'done')).toEqual({ count: 1, amount: 7 });
    await waitFor(() =>
      expect(document.body.textContent).toContain("La carte a n'a pas pu être déplacée : Error: refusé"),
    );
  });

  it('keeps an accepted move and refetches the columns', async () => {
    let moved = false;
    const fetchBoard = vi.fn(async () =>
      moved
        ? [column('todo', [card('b', 'todo', 5)]), column('done', [card('a', 'done', 10), card('c', 'done', 7)])]
        : [column('todo', [card('a', 'todo', 10), card('b', 'todo', 5)]), column('done', [card('c', 'done', 7)])],
    );
    const saveMove = vi.fn(async (c: Card, to: Col) => {
      moved = true;
      return { ...c, col: to };
    });
    const { result } = renderBoard('all', () => ({ fetchBoard, fetchColumn: vi.fn(), saveMove }));
    await waitFor(() => expect(ids(result.current.columns, 'todo')).toEqual(['a', 'b']));
    const invalidate = vi.spyOn(client, 'invalidateQueries');

    await act(async () => {
      await result.current.move(card('a', 'todo', 10), 'done');
    });
    expect(saveMove).toHaveBeenCalledWith(card('a', 'todo', 10), 'done', undefined);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['cards', 'board', { filter: 'all' }] });
    await waitFor(() => expect(fetchBoard).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(ids(result.current.columns, 'done')).toEqual(['a', 'c']);
    expect(ids(result.current.columns, 'todo')).toEqual(['b']);
    expect(totals(result.current.columns, 'done')).toEqual({ count: 2, amount: 17 });
  });

  it('keeps a moved card in view when the refetched first page of its column does not hold it', async () => {
    let moved = false;
    const fetchBoard = vi.fn(async () =>
      moved
        ? [column('todo', []), column('done', [card('c', 'done', 7)], 'more', 2)]
        : [column('todo', [card('a', 'todo', 10)]), column('done', [card('c', 'done', 7)])],
    );
    const { result } = renderBoard('all', () => ({
      fetchBoard,
      fetchColumn: vi.fn(),
      saveMove: async (c: Card, to: Col) => {
        moved = true;
        return { ...c, col: to };
      },
    }));
    await waitFor(() => expect(ids(result.current.columns, 'todo')).toEqual(['a']));
    await act(async () => {
      await result.current.move(card('a', 'todo', 10), 'done');
    });
    await waitFor(() => expect(fetchBoard).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(ids(result.current.columns, 'done')).toEqual(['a', 'c']);
    expect(totals(result.current.columns, 'done')).toEqual({ count: 2, amount: 7 });
  });
});
