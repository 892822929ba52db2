/** Picks the contact of an activity among those the caller may read, searched on the server as one types. */
import { useState } from 'react';
import { Select } from 'antd';
import { fullName, useDebouncedValue, useRemoteData } from '@digiweb/shared-ui';
import type { LinkedRecord } from '@digiweb/api/contracts';
import { findContacts } from './api';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The activity's current contact, named before any search. */
  current?: LinkedRecord | null;
}

export function ContactSelect({ id, value, onChange, current }: Props) {
  const [typed, setTyped] = useState('');
  const q = useDebouncedValue(typed.trim(), 300);
  const results = useRemoteData(`activity-contacts:${q}`, (signal) => findContacts(q, signal));
  const options = (results.data ?? []).map((c) => ({
    value: c.id,
    label: `${fullName(c)}${c.companyName ? ` (${c.companyName})` : ''}`,
  }));
  if (value && current?.id === value && !options.some((o) => o.value === value)) options.unshift({ value, label: current.name });

  let notFound = 'Aucun contact ne correspond.';
  if (results.loading) notFound = 'Recherche en cours…';
  else if (results.error) notFound = 'La recherche de contacts a échoué.';

  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      options={options}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={results.loading}
      notFoundContent={notFound}
      placeholder="Rechercher par nom, e-mail ou entreprise"
      data-testid="activity-form-contact"
    />
  );
}
