/** The list view: server-side pagination and sorting; a row opens the deal. */
import type { ReactNode } from 'react';
import { Typography, type TableColumnsType, type TableProps } from 'antd';
import { formatDate, formatEuros, ListTable } from '@digiweb/shared-ui';
import { COMPANY_LABELS, type DealCardDto, type DealSort } from '@digiweb/api/contracts';
import { CloseDate, Owner, ProbabilityTag, StageTag } from './display';
import { DEFAULT_SORT, type DealsQuery } from './query';

type Order = 'ascend' | 'descend' | null;
/** Sortable columns: their key is the API's sort field. */
type SortField = 'title' | 'amount' | 'probability' | 'expectedCloseDate' | 'createdAt';

const sortProps = (sort: DealSort, field: SortField) => ({
  sorter: true,
  sortOrder: (sort.replace(/^-/, '') === field ? (sort.startsWith('-') ? 'descend' : 'ascend') : null) as Order,
});

interface Props {
  query: DealsQuery;
  data: { items: DealCardDto[]; total: number } | undefined;
  loading: boolean;
  emptyText: ReactNode;
  onQueryChange: (update: (q: DealsQuery) => DealsQuery) => void;
  onOpen: (deal: DealCardDto) => void;
}

export function DealsTable({ query, data, loading, emptyText, onQueryChange, onOpen }: Props) {
  const columns: TableColumnsType<DealCardDto> = [
    {
      key: 'title',
      title: 'Deal',
      ...sortProps(query.sort, 'title'),
      fixed: 'start',
      width: 280,
      render: (_, d) => (
        <div>
          <Typography.Text strong>{d.title}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.companyName ? `${d.companyName} · ${d.contactName}` : d.contactName}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { key: 'stage', title: 'Étape', width: 130, render: (_, d) => <StageTag stage={d.stage} /> },
    { key: 'amount', title: 'Montant', align: 'end', width: 130, ...sortProps(query.sort, 'amount'), render: (_, d) => formatEuros(d.amount) },
    {
      key: 'probability',
      title: 'Probabilité',
      width: 120,
      ...sortProps(query.sort, 'probability'),
      render: (_, d) => <ProbabilityTag value={d.probability} />,
    },
    { key: 'weighted', title: 'Pondéré', align: 'end', width: 120, render: (_, d) => formatEuros(d.weightedAmount) },
    {
      key: 'expectedCloseDate',
      title: 'Clôture prévue',
      width: 140,
      ...sortProps(query.sort, 'expectedCloseDate'),
      render: (_, d) => <CloseDate deal={d} />,
    },
    { key: 'issuing', title: 'Société émettrice', width: 150, render: (_, d) => COMPANY_LABELS[d.issuingCompany] },
    { key: 'owner', title: 'Propriétaire', width: 190, render: (_, d) => <Owner user={d.owner} /> },
    { key: 'createdAt', title: 'Créé le', width: 120, ...sortProps(query.sort, 'createdAt'), render: (_, d) => formatDate(d.createdAt) },
  ];

  const onChange: TableProps<DealCardDto>['onChange'] = (pagination, _filters, sorter, extra) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    onQueryChange((q) => {
      if (extra.action === 'sort') {
        const field = single?.order ? (single.columnKey as SortField) : undefined;
        const sort = field ? ((single?.order === 'descend' ? `-${field}` : field) as DealSort) : DEFAULT_SORT;
        return { ...q, page: 1, sort };
      }
      const pageSize = pagination.pageSize ?? q.pageSize;
      return { ...q, pageSize, page: pageSize !== q.pageSize ? 1 : (pagination.current ?? 1) };
    });
  };

  return (
    <ListTable<DealCardDto>
      data-testid="deals-table"
      data={data}
      loading={loading}
      emptyText={emptyText}
      paging={query}
      noun="deal"
      columns={columns}
      onChange={onChange}
      scroll={{ x: 1400 }}
      onOpen={onOpen}
      openLabel={(d) => `Ouvrir le deal ${d.title}`}
    />
  );
}
