/**
 * CRM → Entreprises: the companies made from the contacts, as a server-paginated card grid (default)
 * or on a map of France (`?vue=carte`, loaded on demand), with the same search and filters; the detail
 * of a company (`?entreprise=<id>`) lists its contacts and deals; admins complete its figures.
 */
import { lazy, Suspense, useCallback, useState } from 'react';
import { Flex, Segmented, Spin } from 'antd';
import { AppstoreOutlined, EnvironmentOutlined } from '@ant-design/icons';
import {
  ListBody,
  ListEmpty,
  ListHeader,
  pageAfterEnd,
  useAbility,
  useRemoteData,
  useUrlState,
} from '@digiweb/shared-ui';
import { CompaniesToolbar } from './CompaniesToolbar';
import { CompanyCards } from './CompanyCards';
import { CompanyDrawer } from './CompanyDrawer';
import { companyListParams, fetchIndustries, listCompanies } from './api';
import { ExportMenu } from '../ExportMenu';
import { DEFAULT_QUERY, hasFilters, listKey, URL_CODEC, type CompaniesQuery, type CompaniesView } from './query';

const CompaniesMap = lazy(() => import('./map/CompaniesMap'));

export default function CompaniesPage() {
  const ability = useAbility();
  const [{ view, query, openId }, setState] = useUrlState(URL_CODEC);
  const cards = view === 'cartes';

  const list = useRemoteData(cards ? listKey(query) : null, (signal) => listCompanies(query, signal));
  const industries = useRemoteData('industries', fetchIndustries);
  // Bumped when a company is edited (its address moves its point): the map fetches again.
  const [mapVersion, setMapVersion] = useState(0);

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
          <CompaniesMap query={query} version={mapVersion} onOpen={open} />
        </Suspense>
      )}
      <CompanyDrawer
        openId={openId}
        canUpdate={ability.can('update', 'Company')}
        onClose={() => open(null)}
        onUpdated={() => {
          list.reload();
          industries.reload();
          setMapVersion((v) => v + 1);
        }}
      />
    </Flex>
  );
}
