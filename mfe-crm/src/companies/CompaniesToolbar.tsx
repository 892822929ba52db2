/** Search and filters of the companies page, shared by the card grid and the map. */
import { Flex, Select } from 'antd';
import { ClearFiltersButton, SearchInput } from '@digiweb/shared-ui';
import { COMPANY_SORTS, DEPARTMENTS, type CompanySort } from '@digiweb/api/contracts';
import { STATUS_OPTIONS } from './display';
import { DEFAULT_QUERY, hasFilters, type CompaniesQuery } from './query';

const SORT_LABELS: Record<CompanySort, string> = {
  name: 'Nom (A → Z)',
  '-name': 'Nom (Z → A)',
  '-createdAt': 'Plus récentes',
  createdAt: 'Plus anciennes',
  '-revenue': "Chiffre d'affaires",
  '-headcount': 'Effectif',
};
const SORT_OPTIONS = COMPANY_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }));
const DEPARTMENT_OPTIONS = DEPARTMENTS.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }));
const DEALS_OPTIONS = [
  { value: 'true', label: 'Avec deals' },
  { value: 'false', label: 'Sans deal' },
];

interface Props {
  query: CompaniesQuery;
  onChange: (update: Partial<CompaniesQuery>) => void;
  industries: string[] | undefined;
  /** The map shows every company: no sort there. */
  showSort: boolean;
}

export function CompaniesToolbar({ query, onChange, industries, showSort }: Props) {
  return (
    <Flex gap={8} wrap align="center">
      <SearchInput
        value={query.q}
        onSearch={(q) => onChange({ q })}
        placeholder="Nom, SIREN, ville, secteur…"
        aria-label="Rechercher une entreprise"
        data-testid="companies-search"
      />
      <Select
        allowClear
        placeholder="Statut"
        aria-label="Filtrer par statut"
        style={{ width: 130 }}
        options={STATUS_OPTIONS}
        value={query.status}
        onChange={(status) => onChange({ status })}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="Secteur"
        aria-label="Filtrer par secteur"
        style={{ width: 220 }}
        loading={industries === undefined}
        options={(industries ?? []).map((i) => ({ value: i, label: i }))}
        value={query.industry}
        onChange={(industry) => onChange({ industry })}
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="Département"
        aria-label="Filtrer par département"
        style={{ width: 200 }}
        options={DEPARTMENT_OPTIONS}
        value={query.department}
        onChange={(department) => onChange({ department })}
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear
        placeholder="Deals"
        aria-label="Filtrer par deals"
        style={{ width: 130 }}
        options={DEALS_OPTIONS}
        value={query.hasDeals}
        onChange={(hasDeals) => onChange({ hasDeals })}
      />
      {showSort && (
        <Select
          aria-label="Trier les entreprises"
          style={{ width: 170 }}
          options={SORT_OPTIONS}
          value={query.sort}
          onChange={(sort) => onChange({ sort })}
        />
      )}
      {hasFilters(query) && (
        <ClearFiltersButton
          onClick={() => onChange({ ...DEFAULT_QUERY, sort: query.sort, pageSize: query.pageSize })}
        />
      )}
    </Flex>
  );
}
