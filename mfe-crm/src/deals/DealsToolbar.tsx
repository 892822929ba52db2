/** Search box, filters, view switch (kanban / list) and "Nouveau deal" of the deals page. */
import { useState } from 'react';
import { Button, DatePicker, Flex, Segmented, Select, Space } from 'antd';
import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { AmountInput, ClearFiltersButton, SearchInput } from '@digiweb/shared-ui';
import { COMPANIES, COMPANY_LABELS, DEAL_STAGES, DEAL_STAGE_LABELS, type CompanyKey, type DealStage } from '@digiweb/api/contracts';
import type { OwnerOption } from './DealFormModal';
import { StageTag } from './display';
import { hasFilters, type DealsQuery, type DealsView } from './query';

type StageOption = { value: DealStage; label: string };
const STAGE_OPTIONS: StageOption[] = DEAL_STAGES.map((s) => ({ value: s, label: DEAL_STAGE_LABELS[s] }));
const COMPANY_OPTIONS = COMPANIES.map((c) => ({ value: c, label: COMPANY_LABELS[c] }));

interface Props {
  query: DealsQuery;
  onQueryChange: (update: (q: DealsQuery) => DealsQuery) => void;
  /** Admins: filter by owner. */
  ownerOptions?: OwnerOption[];
  canCreate: boolean;
  onCreate: () => void;
  onClearFilters: () => void;
}

/** An amount bound, applied when the field is left or Enter is pressed (not on every keystroke). */
function AmountBound({ value, onApply, label }: { value?: number; onApply: (v: number | undefined) => void; label: string }) {
  const [typed, setTyped] = useState<number | null>(value ?? null);
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    setTyped(value ?? null);
  }
  const apply = () => {
    // A text that is not a number (NaN) or a negative bound is shown as refused, not applied.
    if (typed !== null && (Number.isNaN(typed) || typed < 0)) return;
    const next = typed === null ? undefined : typed;
    if (next !== value) onApply(next);
  };
  return (
    <AmountInput
      min={0}
      value={typed}
      onChange={setTyped}
      onBlur={apply}
      onPressEnter={apply}
      placeholder={label}
      suffix="€"
      style={{ width: 120 }}
      aria-label={`Montant ${label.toLowerCase()}`}
    />
  );
}

export function DealsToolbar({ query, onQueryChange, ownerOptions, canCreate, onCreate, onClearFilters }: Props) {
  const set = (patch: Partial<DealsQuery>) => onQueryChange((q) => ({ ...q, ...patch, page: 1 }));
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap justify="space-between" align="center">
        <Flex gap={12} wrap align="center">
          <SearchInput
            value={query.q}
            onSearch={(q) => set({ q })}
            placeholder="Rechercher (titre, contact, entreprise)"
            aria-label="Rechercher un deal"
            width={300}
            data-testid="deals-search"
          />
          <Segmented<DealsView>
            value={query.view}
            onChange={(view) => onQueryChange((q) => ({ ...q, view }))}
            options={[
              { value: 'kanban', icon: <AppstoreOutlined />, label: <span data-testid="deals-view-kanban">Kanban</span> },
              { value: 'liste', icon: <UnorderedListOutlined />, label: <span data-testid="deals-view-list">Liste</span> },
            ]}
            aria-label="Affichage"
          />
        </Flex>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="deal-create">
            Nouveau deal
          </Button>
        )}
      </Flex>
      <Flex gap={12} wrap align="center">
        {query.view === 'liste' && (
          <Select<DealStage, StageOption>
            allowClear
            placeholder="Toutes les étapes"
            aria-label="Filtrer par étape"
            style={{ width: 170 }}
            value={query.stage}
            options={STAGE_OPTIONS}
            optionRender={(o) => <StageTag stage={o.data.value} />}
            onChange={(stage) => set({ stage })}
            data-testid="deals-filter-stage"
          />
        )}
        {ownerOptions && (
          <Select<string>
            allowClear
            placeholder="Propriétaire"
            aria-label="Filtrer par propriétaire"
            style={{ width: 210 }}
            value={query.owner}
            options={ownerOptions}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(owner) => set({ owner })}
            data-testid="deals-filter-owner"
          />
        )}
        <Select<CompanyKey>
          allowClear
          placeholder="Société émettrice"
          aria-label="Filtrer par société émettrice"
          style={{ width: 180 }}
          value={query.issuingCompany}
          options={COMPANY_OPTIONS}
          onChange={(issuingCompany) => set({ issuingCompany })}
          data-testid="deals-filter-company"
        />
        <Space.Compact>
          <AmountBound label="Min" value={query.amountMin} onApply={(amountMin) => set({ amountMin })} />
          <AmountBound label="Max" value={query.amountMax} onApply={(amountMax) => set({ amountMax })} />
        </Space.Compact>
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          allowEmpty={[true, true]}
          placeholder={['Clôture du', 'au']}
          value={[query.closeFrom ? dayjs(query.closeFrom) : null, query.closeTo ? dayjs(query.closeTo) : null]}
          onChange={(range) =>
            set({ closeFrom: range?.[0]?.format('YYYY-MM-DD'), closeTo: range?.[1]?.format('YYYY-MM-DD') })
          }
          aria-label="Filtrer par date de clôture prévue"
          data-testid="deals-filter-close"
        />
        {hasFilters(query) && <ClearFiltersButton onClick={onClearFilters} />}
      </Flex>
    </Flex>
  );
}
