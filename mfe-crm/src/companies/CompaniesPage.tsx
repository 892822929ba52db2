/**
 * CRM → Entreprises: the companies made from the contacts, as a server-paginated card grid (default)
 * or on a map of France (`?vue=carte`, loaded on demand), with the same search and filters; the detail
 * of a company (`?entreprise=<id>`) lists its contacts and deals; admins complete its figures.
 */
import { lazy, Suspense, useCallback } from 'react';
import { Flex, Segmented, Spin } from 'antd';
import { AppstoreOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ListBody,
  ListEmpty,
  ListHeader,
  LOOKUP_STALE_TIME,
  pageAfterEnd,
  queryState,
  useAbility,
  useUrlState,
} from '@digiweb/shared-ui';
import { CompaniesToolbar } from './CompaniesToolbar';
import { CompanyCards } from './CompanyCards';
import { CompanyDrawer } from './CompanyDrawer';
import { companyListParams, fetchIndustries, listCompanies } from './api';
import { ExportMenu } from '../ExportMenu';
import { companyKeys } from './keys';
import { DEFAULT_QUERY, hasFilters, URL_CODEC, type CompaniesQuery, type CompaniesView } from './query';

const CompaniesMap = lazy(() => import('./map/CompaniesMap'));

export default function CompaniesPage() {
  const ability = useAbility();
  const [{ view, query, openId }, setState] = useUrlState(URL_CODEC);
  const cards = view === 'cartes';

  const queryClient = useQueryClient();
  const list = queryState(
    useQuery({
      queryKey: companyKeys.list(query),
      queryFn: ({ signal }) => listCompanies(query, signal),
      enabled: cards,
      placeholderData: keepPreviousData,
    }),
  );
  const industries = useQuery({
    queryKey: companyKeys.industries(),
    queryFn: ({ signal }) => fetchIndustries(signal),
    staleTime: LOOKUP_STALE_TIME,
  });

  const lastPage = cards ? pageAfterEnd(list, query) : undefined;
  if (lastPage !== undefined) setState((s) => ({ ...s, query: { ...s.query, page: lastPage } }));

  const changeQuery = useCallback(
    (update: Partial<CompaniesQuery>) =>
      setState((s) => ({ ...s, query: { ...s.query, ...update, page: update.page ?? 1 } })),
    [setState],
  );
  const setView = (v: CompaniesView) => setState((s) => ({ ...s, view: v }));
  const open = useCallback((id: string | null) => setState((s) => ({ ...s, openId: id })), [setState]);
  const clearFilters = () => changeQuery({ ...DEFAULT_QUERY, sort: query.sort, pageSize: query.pageSize });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <ListHeader title="Entreprises" total={cards ? list.data?.total : undefined} noun="entreprise" />
        <Flex gap={12} wrap align="center">
          <ExportMenu list="companies" params={companyListParams(query)} />
          <Segmented<CompaniesView>
            value={view}
            onChange={setView}
            options={[
              {
                value: 'cartes',
                label: <span data-testid="companies-view-cards">Cartes</span>,
                icon: <AppstoreOutlined />,
              },
              {
                value: 'carte',
                label: <span data-testid="companies-view-map">Carte de France</span>,
                icon: <EnvironmentOutlined />,
              },
            ]}
          />
        </Flex>
      </Flex>
      <CompaniesToolbar query={query} onChange={changeQuery} industries={industries.data} showSort={cards} />
      {cards ? (
        <ListBody list={list} errorTitle="Impossible de charger les entreprises">
          <CompanyCards
            data={list.data}
            loading={list.loading}
            paging={query}
            onPageChange={(paging) => changeQuery(paging)}
            onOpen={(c) => open(c.id)}
            emptyText={
              <ListEmpty
                filtered={hasFilters(query)}
                onClearFilters={clearFilters}
                description="Aucune entreprise : elles apparaissent avec les contacts qui indiquent leur entreprise."
                filteredDescription="Aucune entreprise ne correspond à ces critères."
              />
            }
          />
        </ListBody>
      ) : (
        <Suspense
          fallback={
            <Flex justify="center" style={{ padding: 48 }}>
              <Spin tip="Chargement de la carte…">
                <div style={{ width: 120, height: 60 }} />
              </Spin>
            </Flex>
          }
        >
          <CompaniesMap query={query} onOpen={open} />
        </Suspense>
      )}
      <CompanyDrawer
        openId={openId}
        canUpdate={ability.can('update', 'Company')}
        onClose={() => open(null)}
        // Grid, map (an address moves a point), industries and the detail are fetched again.
        onUpdated={() => void queryClient.invalidateQueries({ queryKey: companyKeys.all })}
      />
    </Flex>
  );
}
