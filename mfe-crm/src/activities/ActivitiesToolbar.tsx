/** Search box and filters of the activities (both views), and the create button. */
import { Button, DatePicker, Flex, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ClearFiltersButton, SearchInput } from '@digiweb/shared-ui';
import {
  ACTIVITY_PRIORITIES,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type ActivityPriority,
  type ActivitySort,
  type ActivityStatus,
  type ActivityType,
} from '@digiweb/api/contracts';
import { PriorityTag, StatusTag, TypeLabel } from './display';
import type { OwnerOption } from './ActivityFormModal';
import { hasFilters, type ActivitiesView, type ActivityFilters } from './query';

const TYPE_OPTIONS = ACTIVITY_TYPES.map((t) => ({ value: t, label: <TypeLabel type={t} /> }));
const STATUS_OPTIONS = ACTIVITY_STATUSES.map((s) => ({ value: s, label: <StatusTag status={s} /> }));
const PRIORITY_OPTIONS = ACTIVITY_PRIORITIES.map((p) => ({ value: p, label: <PriorityTag priority={p} /> }));
const SORT_OPTIONS: { value: ActivitySort; label: string }[] = [
  { value: '-dueAt', label: 'Plus récentes d’abord' },
  { value: 'dueAt', label: 'Plus anciennes d’abord' },
];

interface Props {
  view: ActivitiesView;
  filters: ActivityFilters;
  onFiltersChange: (update: (f: ActivityFilters) => ActivityFilters) => void;
  /** Admins: filter by member. */
  ownerOptions?: OwnerOption[];
  canCreate: boolean;
  onCreate: () => void;
  onClearFilters: () => void;
}

export function ActivitiesToolbar({ view, filters, onFiltersChange, ownerOptions, canCreate, onCreate, onClearFilters }: Props) {
  const set = (patch: Partial<ActivityFilters>) => onFiltersChange((f) => ({ ...f, ...patch }));
  return (
    <Flex gap={12} wrap justify="space-between" align="center">
      <Flex gap={12} wrap align="center" style={{ flex: 1 }}>
        {view === 'timeline' && (
          <SearchInput
            value={filters.q}
            onSearch={(q) => set({ q })}
            placeholder="Rechercher (objet, notes, contact)"
            aria-label="Rechercher une activité"
            width={280}
            data-testid="activities-search"
          />
        )}
        <Select<ActivityType>
          allowClear
          placeholder="Tous les types"
          aria-label="Filtrer par type"
          style={{ width: 150 }}
          value={filters.type}
          options={TYPE_OPTIONS}
          onChange={(type) => set({ type })}
        />
        <Select<ActivityStatus>
          allowClear
          placeholder="Tous les statuts"
          aria-label="Filtrer par statut"
          style={{ width: 150 }}
          value={filters.status}
          options={STATUS_OPTIONS}
          onChange={(status) => set({ status })}
        />
        <Select<ActivityPriority>
          allowClear
          placeholder="Toutes priorités"
          aria-label="Filtrer par priorité"
          style={{ width: 150 }}
          value={filters.priority}
          options={PRIORITY_OPTIONS}
          onChange={(priority) => set({ priority })}
        />
        {ownerOptions && (
          <Select<string>
            allowClear
            placeholder="Tous les membres"
            aria-label="Filtrer par membre"
            style={{ width: 200 }}
            value={filters.owner}
            options={ownerOptions}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(owner) => set({ owner })}
          />
        )}
        {view === 'timeline' && (
          <>
            <DatePicker.RangePicker
              aria-label="Période"
              format="DD/MM/YYYY"
              allowEmpty={[true, true]}
              value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
              onChange={(range) =>
                set({ from: range?.[0]?.format('YYYY-MM-DD') ?? undefined, to: range?.[1]?.format('YYYY-MM-DD') ?? undefined })
              }
            />
            <Select<ActivitySort>
              aria-label="Ordre"
              style={{ width: 200 }}
              value={filters.sort}
              options={SORT_OPTIONS}
              onChange={(sort) => set({ sort })}
            />
          </>
        )}
        {hasFilters(filters) && <ClearFiltersButton onClick={onClearFilters} />}
      </Flex>
      {canCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="activity-create">
          Nouvelle activité
        </Button>
      )}
    </Flex>
  );
}
