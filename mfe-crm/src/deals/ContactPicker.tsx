/** Select of a contact the caller can read, searched on the server as the user types. */
import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fullName, queryState, useDebouncedValue } from '@digiweb/shared-ui';
import { searchContacts } from './api';
import { dealKeys } from './keys';

interface Props {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** How to show the current value before any search (the deal's contact snapshot). */
  initialLabel?: string;
  id?: string;
}

export function ContactPicker({ value, onChange, initialLabel, id }: Props) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const found = queryState(
    useQuery({
      queryKey: dealKeys.contactSearch(q),
      queryFn: ({ signal }) => searchContacts(q, signal),
      placeholderData: keepPreviousData,
    }),
  );
  const options = useMemo(() => {
    const list = (found.data ?? []).map((c) => ({
      value: c.id,
      label: c.companyName ? `${fullName(c)} — ${c.companyName}` : fullName(c),
    }));
    if (value && initialLabel && !list.some((o) => o.value === value)) list.unshift({ value, label: initialLabel });
    return list;
  }, [found.data, value, initialLabel]);

  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={found.loading}
      allowClear
      placeholder="Rechercher un contact (nom, e-mail, entreprise)"
      notFoundContent={found.loading ? 'Recherche…' : found.error ? 'La recherche a échoué.' : 'Aucun contact trouvé'}
      aria-label="Contact"
      data-testid="deal-form-contact"
    />
  );
}
