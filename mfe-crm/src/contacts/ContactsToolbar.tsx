/** Search box and filters of the contacts list, the list / kanban switch and the saved filters. */
import type { ReactNode } from 'react';
import { Button, Checkbox, Flex, Segmented, Select } from 'antd';
import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { ClearFiltersButton, SearchInput } from '@digiweb/shared-ui';
import { CONTACT_STATUSES, CONTACT_STATUS_LABELS, type ContactStatus } from '@digiweb/api/contracts';
import type { AssigneeOption } from './ContactFormModal';
import { StatusTag } from './display';
import { hasFilters, type ContactsQuery, type ContactsView } from './query';
import { TagFilter } from './tags';

type StatusOption = { value: ContactStatus; label: string };
const STATUS_OPTIONS: StatusOption[] = CONTACT_STATUSES.map((s) => ({ value: s, label: CONTACT_STATUS_LABELS[s] }));

interface Props {
  query: ContactsQuery;
  onQueryChange: (update: (q: ContactsQuery) => ContactsQuery) => void;
  assigneeOptions: AssigneeOption[];
  assigneesLoading: boolean;
  canCreate: boolean;
  onCreate: () => void;
  onClearFilters: () => void;
  view: ContactsView;
  onViewChange: (view: ContactsView) => void;
  /** The saved filters' dropdown. */
  savedFilters: ReactNode;
  /** The caller decides on contacts' waiting company links (administrators): he can list them. */
  canFilterLinks: boolean;
}

export function ContactsToolbar({
  query,
  onQueryChange,
  assigneeOptions,
  assigneesLoading,
  canCreate,
  onCreate,
  onClearFilters,
  view,
  onViewChange,
  savedFilters,
  canFilterLinks,
}: Props) {
  return (
    <Flex gap={12} wrap justify="space-between" align="center">
      <Flex gap={12} wrap align="center" style={{ flex: 1 }}>
        <Segmented<ContactsView>
          value={view}
          onChange={onViewChange}
          options={[
            { value: 'liste', label: 'Liste', icon: <UnorderedListOutlined /> },
            { value: 'kanban', label: 'Kanban', icon: <AppstoreOutlined /> },
          ]}
          aria-label="Affichage"
          data-testid="contacts-view"
        />
        <SearchInput
          value={query.q}
          onSearch={(q) => onQueryChange((cur) => ({ ...cur, q, page: 1 }))}
          placeholder="Rechercher (nom, e-mail, entreprise)"
          aria-label="Rechercher un contact"
          width={320}
          data-testid="contacts-search"
        />
        {view === 'liste' && (
          <Select<ContactStatus, StatusOption>
            allowClear
            placeholder="Tous les statuts"
            aria-label="Filtrer par statut"
            style={{ width: 170 }}
            value={query.status}
            options={STATUS_OPTIONS}
            optionRender={(option) => <StatusTag status={option.data.value} />}
            onChange={(status) => onQueryChange((cur) => ({ ...cur, status, page: 1 }))}
            data-testid="contacts-filter-status"
          />
        )}
        <Select<string>
          allowClear
          placeholder="Commercial assigné"
          aria-label="Filtrer par commercial assigné"
          style={{ width: 230 }}
          value={query.assignedTo}
          options={assigneeOptions}
          loading={assigneesLoading}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(assignedTo) => onQueryChange((cur) => ({ ...cur, assignedTo, page: 1 }))}
          data-testid="contacts-filter-assignee"
        />
        <TagFilter value={query.tag} onChange={(tag) => onQueryChange((cur) => ({ ...cur, tag, page: 1 }))} />
        {canFilterLinks && (
          <Checkbox
            checked={query.companyLink === 'pending'}
            onChange={(e) =>
              onQueryChange((cur) => ({ ...cur, companyLink: e.target.checked ? 'pending' : undefined, page: 1 }))
            }
            data-testid="contacts-filter-company-link"
          >
            Rattachements à valider
          </Checkbox>
        )}
        {savedFilters}
        {hasFilters(query) && <ClearFiltersButton onClick={onClearFilters} />}
      </Flex>
      {canCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="contact-create">
          Nouveau contact
        </Button>
      )}
    </Flex>
  );
}
