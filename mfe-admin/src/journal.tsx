/**
 * A journal: a read-only, server-paginated list with one filter (`action`, `channel`) and a search,
 * whose state lives in the URL's query string (`?action=auth.login&page=2`). The audit log and the
 * outbox are journals.
 */
import { useCallback, type ReactNode } from 'react';
import { Flex, Select } from 'antd';
import {
  api,
  ClearFiltersButton,
  ListBody,
  ListEmpty,
  ListHeader,
  ListTable,
  pageAfterEnd,
  readPaging,
  queryState,
  SearchInput,
  useUrlState,
  writePaging,
  type ListTableProps,
  type Paging,
  type UrlStateCodec,
} from '@digiweb/shared-ui';
import type { Paginated } from '@digiweb/api/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { adminKeys } from './keys';

export interface JournalQuery<F extends string> extends Paging {
  /** Value of the journal's one filter. */
  filter?: F;
  q: string;
}

export interface Journal<F extends string, T> {
  /** The journal's endpoint, which also names it in the query keys. */
  url: string;
  codec: UrlStateCodec<JournalQuery<F>>;
  load: (query: JournalQuery<F>, signal: AbortSignal) => Promise<Paginated<T>>;
}

/** A journal served by `GET url?page&pageSize&<param>&q`; `values` are those the filter accepts. */
export function defineJournal<F extends string, T>(url: string, param: string, values: readonly F[]): Journal<F, T> {
  const isValue = (v: string | null): v is F => values.includes(v as F);
  return {
    url,
    codec: {
      parse: (params) => {
        const filter = params.get(param);
        return {
          ...readPaging(params),
          filter: isValue(filter) ? filter : undefined,
          q: (params.get('q') ?? '').slice(0, 100),
        };
      },
      write: (params, query) => {
        params.delete(param);
        params.delete('q');
        if (query.filter) params.set(param, query.filter);
        if (query.q) params.set('q', query.q);
        writePaging(params, query);
      },
      key: (query) => JSON.stringify([query.page, query.pageSize, query.filter ?? '', query.q]),
    },
    async load(query, signal) {
      const params: Record<string, string | number> = { page: query.page, pageSize: query.pageSize };
      if (query.filter) params[param] = query.filter;
      if (query.q) params.q = query.q;
      const { data } = await api.get<Paginated<T>>(url, { params, signal });
      return data;
    },
  };
}

/** The journal's query (from the URL), its current page of records, and what changes them. */
function useJournal<F extends string, T>(journal: Journal<F, T>) {
  const [query, setQuery] = useUrlState(journal.codec);
  const list = queryState(
    useQuery({
      queryKey: adminKeys.journal(journal.url, journal.codec.key(query)),
      queryFn: ({ signal }) => journal.load(query, signal),
      placeholderData: keepPreviousData,
    }),
  );

  // A page past the end (the journal shrank, or a shared link): go to the last page.
  const lastPage = pageAfterEnd(list, query);
  if (lastPage !== undefined) setQuery((q) => ({ ...q, page: lastPage }));

  /** Changes the filter, the search or the page; a new filter or search starts from the first page. */
  const update = useCallback(
    (change: Partial<JournalQuery<F>>) => setQuery((q) => ({ ...q, page: 1, ...change })),
    [setQuery],
  );
  const clearFilters = useCallback(() => setQuery((q) => ({ page: 1, pageSize: q.pageSize, q: '' })), [setQuery]);
  return { query, list, update, clearFilters, filtered: Boolean(query.filter || query.q) };
}

export interface JournalPageProps<F extends string, T extends { id: string }> {
  journal: Journal<F, T>;
  title: string;
  /** Singular noun of the records ("entrée", "message"). */
  noun: string;
  /** Prefix of the test ids: `<testId>-table`, `<testId>-search`, `<testId>-filter`. */
  testId: string;
  /** Shown between the title and the filters. */
  intro?: ReactNode;
  /** Placeholder and accessible name of the search box. */
  searchLabel: string;
  filter: {
    label: string;
    placeholder: string;
    width: number;
    options: { value: F; label: string }[];
    /** How an option reads in the drop-down (a coloured tag). */
    render: (value: F) => ReactNode;
  };
  /** E.g. "Impossible de charger le journal d'audit". */
  errorTitle: string;
  empty: { description: string; filteredDescription: string };
  table: Pick<ListTableProps<T>, 'columns' | 'scroll' | 'onOpen' | 'openLabel'>;
}

/** Title with count, search and filter, then the table with its loading, empty and error states. */
export function JournalPage<F extends string, T extends { id: string }>({
  journal,
  title,
  noun,
  testId,
  intro,
  searchLabel,
  filter,
  errorTitle,
  empty,
  table,
}: JournalPageProps<F, T>) {
  const { query, list, update, clearFilters, filtered } = useJournal(journal);
  return (
    <Flex vertical gap={16}>
      <ListHeader title={title} total={list.data?.total} noun={noun} />
      {intro}
      <Flex gap={12} wrap align="center">
        <SearchInput
          value={query.q}
          onSearch={(q) => update({ q })}
          placeholder={searchLabel}
          aria-label={searchLabel}
          data-testid={`${testId}-search`}
        />
        <Select<F, { value: F; label: string }>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={filter.placeholder}
          aria-label={filter.label}
          style={{ width: filter.width }}
          value={query.filter}
          options={filter.options}
          optionRender={(option) => filter.render(option.data.value)}
          onChange={(value) => update({ filter: value })}
          data-testid={`${testId}-filter`}
        />
        {filtered && <ClearFiltersButton onClick={clearFilters} />}
      </Flex>
      <ListBody list={list} errorTitle={errorTitle}>
        <ListTable<T>
          {...table}
          data-testid={`${testId}-table`}
          data={list.data}
          loading={list.loading}
          emptyText={<ListEmpty filtered={filtered} onClearFilters={clearFilters} {...empty} />}
          paging={query}
          noun={noun}
          onPageChange={update}
        />
      </ListBody>
    </Flex>
  );
}
