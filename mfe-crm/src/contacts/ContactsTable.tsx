/** The contacts list: server-side pagination and sorting, row click opens the detail. */
import type { ReactNode } from 'react';
import { Typography, type TableColumnsType, type TableProps } from 'antd';
import { formatDate, fullName, ListTable } from '@digiweb/shared-ui';
import { formatPhone, type ContactDto } from '@digiweb/api/contracts';
import { Assignee, QualityScore, StatusTag, dash, formatLocation } from './display';
import { DEFAULT_SORT, type ContactSort, type ContactsQuery } from './query';

type SortOrder = 'ascend' | 'descend' | null;

/** Column key → API sort field. */
const SORT_FIELDS = { name: 'lastName', qualityScore: 'qualityScore', createdAt: 'createdAt' } as const;
type SortableColumn = keyof typeof SORT_FIELDS;

function orderOf(sort: ContactSort, column: SortableColumn): SortOrder {
  const field = sort.replace(/^-/, '');
  if (field !== SORT_FIELDS[column]) return null;
  return sort.startsWith('-') ? 'descend' : 'ascend';
}

function sortOf(column: unknown, order: SortOrder | undefined): ContactSort {
  if (!order || typeof column !== 'string' || !(column in SORT_FIELDS)) return DEFAULT_SORT;
  const field = SORT_FIELDS[column as SortableColumn];
  return (order === 'descend' ? `-${field}` : field) as ContactSort;
}

interface Props {
  query: ContactsQuery;
  data: { items: ContactDto[]; total: number } | undefined;
  loading: boolean;
  emptyText: ReactNode;
  onQueryChange: (update: (q: ContactsQuery) => ContactsQuery) => void;
  onOpen: (contact: ContactDto) => void;
  /** Row selection for bulk actions; absent when the caller can run none. */
  selection?: {
    selected: string[];
    onChange: (ids: string[]) => void;
    canSelect: (contact: ContactDto) => boolean;
  };
}

export function ContactsTable({ query, data, loading, emptyText, onQueryChange, onOpen, selection }: Props) {
  const columns: TableColumnsType<ContactDto> = [
    {
      key: 'name',
      title: 'Nom',
      sorter: true,
      sortOrder: orderOf(query.sort, 'name'),
      sortDirections: ['ascend', 'descend'],
      fixed: 'start',
      width: 220,
      render: (_, c) => (
        <div>
          <Typography.Text strong>{fullName(c)}</Typography.Text>
          {c.jobTitle && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.jobTitle}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'email',
      title: 'E-mail',
      dataIndex: 'email',
      width: 230,
      ellipsis: true,
      render: (v: string | undefined) => dash(v),
    },
    {
      key: 'phone',
      title: 'Téléphone',
      dataIndex: 'phone',
      width: 150,
      render: (v: string | undefined) => (v ? formatPhone(v) : '—'),
    },
    {
      key: 'companyName',
      title: 'Entreprise',
      dataIndex: 'companyName',
      width: 190,
      ellipsis: true,
      render: (v: string | undefined) => dash(v),
    },
    { key: 'location', title: 'Localisation', width: 160, render: (_, c) => formatLocation(c) },
    {
      key: 'qualityScore',
      title: 'Score',
      sorter: true,
      sortOrder: orderOf(query.sort, 'qualityScore'),
      sortDirections: ['descend', 'ascend'],
      width: 140,
      render: (_, c) => <QualityScore score={c.qualityScore} breakdown={c.qualityBreakdown} />,
    },
    { key: 'assignedTo', title: 'Commercial assigné', width: 190, render: (_, c) => <Assignee user={c.assignedTo} /> },
    {
      key: 'createdAt',
      title: 'Créé le',
      sorter: true,
      sortOrder: orderOf(query.sort, 'createdAt'),
      sortDirections: ['descend', 'ascend'],
      width: 120,
      render: (_, c) => formatDate(c.createdAt),
    },
    { key: 'status', title: 'Statut', width: 110, fixed: 'end', render: (_, c) => <StatusTag status={c.status} /> },
  ];

  const onChange: TableProps<ContactDto>['onChange'] = (pagination, _filters, sorter, extra) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    onQueryChange((q) => {
      if (extra.action === 'sort') return { ...q, page: 1, sort: sortOf(single?.columnKey, single?.order) };
      const pageSize = pagination.pageSize ?? q.pageSize;
      // Changing the page size goes back to the first page.
      return { ...q, pageSize, page: pageSize !== q.pageSize ? 1 : (pagination.current ?? 1) };
    });
  };

  return (
    <ListTable<ContactDto>
      data-testid="contacts-table"
      data={data}
      loading={loading}
      emptyText={emptyText}
      paging={query}
      noun="contact"
      columns={columns}
      onChange={onChange}
      scroll={{ x: 1560 }}
      onOpen={onOpen}
      openLabel={(contact) => `Ouvrir la fiche de ${fullName(contact)}`}
      rowSelection={
        selection && {
          selectedRowKeys: selection.selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => selection.onChange(keys.map(String)),
          getCheckboxProps: (c) => ({
            disabled: !selection.canSelect(c),
            'aria-label': `Sélectionner ${fullName(c)}`,
          }),
          columnWidth: 48,
          // A click on the checkbox selects the row; it must not also open the contact.
          renderCell: (_checked, _c, _i, node) => (
            <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
              {node}
            </span>
          ),
        }
      }
    />
  );
}
