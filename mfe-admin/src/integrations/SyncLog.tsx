/** The sync log of a connector: every call, its result and duration, paginated. */
import { useState } from 'react';
import { Table, Tag } from 'antd';
import { api, formatDateTime, ListBody, queryState } from '@digiweb/shared-ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { adminKeys } from '../keys';
import { type ConnectorLogDto, type IntegrationDto, type Paginated } from '@digiweb/api/contracts';

export function SyncLog({ connector }: { connector: IntegrationDto['key'] }) {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: [...adminKeys.integrationLogs(connector), paging.page, paging.pageSize],
    queryFn: async ({ signal }) => {
      const { data } = await api.get<Paginated<ConnectorLogDto>>(`/admin/integrations/${connector}/logs`, {
        params: paging,
        signal,
      });
      return data;
    },
    placeholderData: keepPreviousData,
  });
  const logs = queryState(query);
  return (
    <ListBody list={logs} errorTitle="Impossible de charger le journal">
      <Table<ConnectorLogDto>
        rowKey="id"
        size="small"
        data-testid={`integration-${connector}-logs`}
        loading={logs.loading}
        dataSource={logs.data?.items ?? []}
        locale={{ emptyText: 'Aucun appel enregistré pour ce connecteur.' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: logs.data?.total ?? 0,
          onChange: (page, pageSize) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }),
        }}
        columns={[
          { key: 'at', title: 'Date', width: 140, render: (_, l) => formatDateTime(l.at) },
          { key: 'operation', title: 'Opération', render: (_, l) => l.operation },
          {
            key: 'result',
            title: 'Résultat',
            width: 90,
            render: (_, l) => <Tag color={l.ok ? 'green' : 'red'}>{l.ok ? 'OK' : 'Erreur'}</Tag>,
          },
          { key: 'status', title: 'HTTP', width: 60, render: (_, l) => l.status ?? '—' },
          { key: 'duration', title: 'Durée', width: 80, render: (_, l) => `${l.durationMs} ms` },
          { key: 'message', title: 'Message', render: (_, l) => l.message },
        ]}
      />
    </ListBody>
  );
}
