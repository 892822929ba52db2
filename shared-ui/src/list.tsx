/**
 * Pieces of the list screens: title with count, debounced search box, "clear filters" link, empty and
 * error states, and the server-paginated table.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Empty, Flex, Input, Result, Table, Typography, type TableProps } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { errorMessage } from './api.js';
import { PAGE_SIZES, useDebouncedValue, type Paging } from './data.js';
import type { LoadState } from './query.js';
import { formatCount } from './format.js';

/** Page title, with the number of records once known ("Contacts 42 contacts"). */
export function ListHeader({ title, total, noun }: { title: string; total: number | undefined; noun: string }) {
  return (
    <Flex align="baseline" gap={12} wrap>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {total !== undefined && <Typography.Text type="secondary">{formatCount(total, noun)}</Typography.Text>}
    </Flex>
  );
}

export interface SearchInputProps {
  /** The search in force (trimmed). */
  value: string;
  /** Called with the trimmed text once typing pauses. */
  onSearch: (q: string) => void;
  placeholder: string;
  'aria-label': string;
  'data-testid'?: string;
  width?: number;
}

/**
 * Search input, debounced. Typing never gets overwritten by the (slower) query state; a change of `value`
 * made elsewhere (filters cleared, back button) replaces the text.
 */
export function SearchInput({ value, onSearch, placeholder, width = 300, ...aria }: SearchInputProps) {
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    setText(value);
  }
  const latest = useRef({ value, onSearch });
  useEffect(() => {
    latest.current = { value, onSearch };
  });
  const debounced = useDebouncedValue(text, 350);
  useEffect(() => {
    const q = debounced.trim();
    if (q === latest.current.value) return;
    setSynced(q);
    latest.current.onSearch(q);
  }, [debounced]);

  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={placeholder}
      aria-label={aria['aria-label']}
      style={{ width, maxWidth: '100%' }}
      value={text}
      maxLength={100}
      onChange={(e) => setText(e.target.value)}
      data-testid={aria['data-testid']}
    />
  );
}

/** The "Effacer les filtres" link of a filter bar. */
export function ClearFiltersButton({ onClick }: { onClick: () => void }) {
  return (
    <Button type="link" onClick={onClick}>
      Effacer les filtres
    </Button>
  );
}

/**
 * What an empty list says: no match for the filters (with a way to clear them), or nothing at all yet
 * (`children`: e.g. a button to create the first record).
 */
export function ListEmpty({
  filtered,
  onClearFilters,
  description,
  filteredDescription,
  children,
}: {
  filtered: boolean;
  onClearFilters: () => void;
  description: string;
  filteredDescription: string;
  children?: ReactNode;
}) {
  return filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filteredDescription}>
      <Button onClick={onClearFilters}>Effacer les filtres</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description}>
      {children}
    </Empty>
  );
}

/**
 * The list (`children`) and its load errors: a full error with a retry button while nothing could be
 * loaded, a banner above the (stale) list when a refresh failed.
 */
export function ListBody({
  list,
  errorTitle,
  children,
}: {
  list: Pick<LoadState<unknown>, 'data' | 'error' | 'reload'>;
  /** E.g. "Impossible de charger les contacts". */
  errorTitle: string;
  children: ReactNode;
}) {
  if (list.error !== undefined && list.data === undefined) {
    return (
      <Result
        status="error"
        title={errorTitle}
        subTitle={errorMessage(list.error)}
        extra={
          <Button type="primary" onClick={list.reload}>
            Réessayer
          </Button>
        }
      />
    );
  }
  return (
    <>
      {list.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title="La liste n'a pas pu être actualisée."
          description={errorMessage(list.error)}
          action={
            <Button size="small" onClick={list.reload}>
              Réessayer
            </Button>
          }
        />
      )}
      {children}
    </>
  );
}

export interface ListTableProps<T extends { id: string }> extends Omit<
  TableProps<T>,
  'rowKey' | 'dataSource' | 'loading' | 'locale' | 'pagination'
> {
  /** Test id of the element around the table (`contacts-table`, `team-table`…). */
  'data-testid': string;
  data: { items: T[]; total: number } | undefined;
  loading: boolean;
  /** Shown when the list is empty (see ListEmpty); a blank area while loading. */
  emptyText: ReactNode;
  paging: Paging;
  /** Singular noun of the records, for the total: "1–20 sur 42 contacts". */
  noun: string;
  /** Another page or page size was chosen; a new page size goes back to the first page. */
  onPageChange?: (paging: Paging) => void;
  /** Makes each row open its record, on click or Enter; `openLabel` is the row's accessible name. */
  onOpen?: (record: T) => void;
  openLabel?: (record: T) => string;
}

/** A server-paginated table of records with an `id`. Other props go to antd's Table. */
export function ListTable<T extends { id: string }>({
  'data-testid': testId,
  data,
  loading,
  emptyText,
  paging,
  noun,
  onPageChange,
  onOpen,
  openLabel,
  ...table
}: ListTableProps<T>) {
  const onRow: TableProps<T>['onRow'] = onOpen
    ? (record) => ({
        onClick: () => onOpen(record),
        onKeyDown: (e) => {
          if (e.key === 'Enter') onOpen(record);
        },
        tabIndex: 0,
        style: { cursor: 'pointer' },
        'aria-label': openLabel?.(record),
      })
    : table.onRow;
  return (
    <div data-testid={testId}>
      <Table<T>
        rowKey="id"
        {...table}
        onRow={onRow}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: loading ? <div style={{ height: 120 }} /> : emptyText }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total, [from, to]) => `${from}–${to} sur ${formatCount(total, noun)}`,
          onChange:
            onPageChange &&
            ((page, pageSize) => onPageChange({ pageSize, page: pageSize !== paging.pageSize ? 1 : page })),
        }}
      />
    </div>
  );
}
