import { useState } from 'react';
import { App, Select } from 'antd';
import { errorMessage, fullName } from '@digiweb/shared-ui';
import type { ContactDto } from '@digiweb/api/contracts';
import { assignContact } from './api';
import type { AssigneeOption } from './ContactFormModal';
import { UNASSIGNED } from './query';

/** The contact's sales rep, changed in place (for those who may assign). */
export function AssignSelect({
  contact,
  options,
  onAssigned,
}: {
  contact: ContactDto;
  options: AssigneeOption[];
  onAssigned: (contact: ContactDto) => void;
}) {
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const current = contact.assignedTo;
  // The current assignee may not be in the list (an admin, a member who left): keep his name visible.
  const allOptions =
    current && !options.some((option) => option.value === current.id)
      ? [...options, { value: current.id, label: fullName(current) }]
      : options;

  const onChange = async (value: string) => {
    const assignedTo = value === UNASSIGNED ? null : value;
    if (assignedTo === (current?.id ?? null)) return;
    setPending(true);
    try {
      const updated = await assignContact(contact.id, assignedTo);
      message.success(
        updated.assignedTo ? `Contact assigné à ${fullName(updated.assignedTo)}` : "Le contact n'est plus assigné",
      );
      onAssigned(updated);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <Select
      value={current?.id ?? UNASSIGNED}
      options={allOptions}
      onChange={onChange}
      loading={pending}
      disabled={pending}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
      aria-label="Commercial assigné"
      data-testid="contact-assign"
    />
  );
}
