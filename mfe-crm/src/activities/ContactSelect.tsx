/**
 * Picks the contact of an activity, searched on the server as one types, among those the caller may
 * update: an activity changes its contact's quality score, so the API refuses a contact he may only
 * read (an unassigned one, for a sales rep).
 */
import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fullName, queryState, useAbility, useDebouncedValue, useSession } from '@digiweb/shared-ui';
import type { LinkedRecord } from '@digiweb/api/contracts';
import { contactSubject } from '../contacts/hooks';
import { findContacts } from './api';
import { activityKeys } from './keys';

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
  const ability = useAbility();
  const { me } = useSession();
  // A member who may not update unassigned contacts updates his own only (sales reps).
  const onlyMine = ability.can('update', contactSubject(null)) ? undefined : me.user.id;
  const results = queryState(
    useQuery({
      queryKey: activityKeys.contactSearch(q, onlyMine),
      queryFn: ({ signal }) => findContacts(q, signal, onlyMine),
      placeholderData: keepPreviousData,
    }),
  );
  const options = (results.data ?? []).map((c) => ({
    value: c.id,
    label: `${fullName(c)}${c.companyName ? ` (${c.companyName})` : ''}`,
  }));
  if (value && current?.id === value && !options.some((o) => o.value === value))
    options.unshift({ value, label: current.name });

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
