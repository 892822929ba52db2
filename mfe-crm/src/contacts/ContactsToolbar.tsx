/** Search box and filters of the contacts list. */
import { useEffect, useRef, useState } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { CONTACT_STATUSES, CONTACT_STATUS_LABELS, type ContactStatus } from '@digiweb/api/contracts';
import type { AssigneeOption } from './ContactFormModal';
import { StatusTag } from './display';
import { useDebouncedValue } from './hooks';
import { hasFilters, type ContactsQuery } from './query';

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
}

export function ContactsToolbar({
  query,
  onQueryChange,
  assigneeOptions,
  assigneesLoading,
  canCreate,
  onCreate,
  onClearFilters,
}: Props) {
  return (
    <Flex gap={12} wrap justify="space-between" align="center">
      <Flex gap={12} wrap align="center" style={{ flex: 1 }}>
        <SearchBox value={query.q} onSearch={(q) => onQueryChange((cur) => ({ ...cur, q, page: 1 }))} />
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
        {hasFilters(query) && (
          <Button type="link" onClick={onClearFilters}>
            Effacer les filtres
          </Button>
        )}
      </Flex>
      {canCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="contact-create">
          Nouveau contact
        </Button>
      )}
    </Flex>
  );
}

/**
 * Search input, debounced. Typing never gets overwritten by the (slower) URL state; a change of `value`
 * made elsewhere (filters cleared, back button) replaces the text.
 */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
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
      placeholder="Rechercher (nom, e-mail, entreprise)"
      aria-label="Rechercher un contact"
      style={{ width: 320, maxWidth: '100%' }}
      value={text}
      maxLength={100}
      onChange={(e) => setText(e.target.value)}
      data-testid="contacts-search"
    />
  );
}
