/**
 * Detail of a contact with the actions the caller is allowed: edit, assign, delete, tags, Pappers
 * enrichment, solvency; and its interaction history in a second tab.
 */
import { useState } from 'react';
import { Button, Drawer, Space, Tabs } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { DeleteButton, RecordBody, fullName, isNotFound, queryState } from '@digiweb/shared-ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactDto } from '@digiweb/api/contracts';
import { getContact } from './api';
import { AssignSelect } from './AssignSelect';
import { ContactDetails } from './ContactDetails';
import { ContactFormModal, type AssigneeOption } from './ContactFormModal';
import { ContactHistory } from './ContactHistory';
import { EnrichButton } from './EnrichButton';
import type { ContactPermissions } from './hooks';
import { contactKeys } from './keys';

interface Props {
  /** Id of the contact to show; null when the drawer is closed. */
  contactId: string | null;
  /** The row that was clicked, shown while the fresh record loads. */
  initial?: ContactDto;
  permissions: ContactPermissions;
  assigneeOptions: AssigneeOption[];
  onClose: () => void;
  /** The contact changed (edited, reassigned): the list should refresh. */
  onChanged: (contact: ContactDto) => void;
  /** Deletes the contact (the page handles the toast and its undo). Rejects on failure. */
  onDelete: (contact: ContactDto) => Promise<void>;
}

export function ContactDrawer({
  contactId,
  initial,
  permissions,
  assigneeOptions,
  onClose,
  onChanged,
  onDelete,
}: Props) {
  const queryClient = useQueryClient();
  const detail = queryState(
    useQuery({
      queryKey: contactKeys.detail(contactId ?? ''),
      queryFn: ({ signal }) => getContact(contactId as string, signal),
      enabled: contactId !== null,
    }),
  );
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState('details');

  const fresh = detail.data?.id === contactId ? detail.data : undefined;
  const saved = (updated: ContactDto) => {
    queryClient.setQueryData(contactKeys.detail(updated.id), updated);
    onChanged(updated);
  };
  const contact = fresh ?? (initial?.id === contactId ? initial : undefined);
  const notFound = isNotFound(detail.error);

  const body = (
    <RecordBody
      detail={detail}
      record={contact}
      notFoundTitle="Contact introuvable"
      notFoundText="Ce contact n'existe plus ou vous n'y avez plus accès."
      errorTitle="Impossible de charger le contact"
      onClose={onClose}
    >
      {(record) => (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            {
              key: 'details',
              label: 'Détails',
              children: (
                <ContactDetails
                  key={record.id}
                  contact={record}
                  editable={permissions.canUpdate(record)}
                  canDecideLink={permissions.canAssign}
                  onSaved={saved}
                  assignSlot={
                    permissions.canAssign ? (
                      <AssignSelect contact={record} options={assigneeOptions} onAssigned={saved} />
                    ) : undefined
                  }
                />
              ),
            },
            { key: 'history', label: 'Historique', children: <ContactHistory contactId={record.id} /> },
          ]}
        />
      )}
    </RecordBody>
  );

  const actions = contact && !notFound && (
    <Space>
      {contact.siret && permissions.canUpdate(contact) && <EnrichButton contact={contact} onEnriched={saved} />}
      {permissions.canUpdate(contact) && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="contact-edit">
          Modifier
        </Button>
      )}
      {permissions.canDelete && (
        <DeleteButton
          question="Supprimer ce contact ?"
          onConfirm={() => onDelete(contact)}
          data-testid="contact-delete"
        />
      )}
    </Space>
  );

  return (
    <Drawer
      open={contactId !== null}
      onClose={onClose}
      size={600}
      title={contact ? fullName(contact) : 'Contact'}
      afterOpenChange={(open) => !open && setTab('details')}
      extra={actions}
      loading={!contact && !detail.error && detail.loading}
      destroyOnHidden
    >
      <div data-testid="contact-drawer">{body}</div>
      {contact && (
        <ContactFormModal
          open={editing}
          contact={contact}
          canAssign={false}
          assigneeOptions={[]}
          onClose={() => setEditing(false)}
          onSaved={(updated) => {
            setEditing(false);
            saved(updated);
          }}
        />
      )}
    </Drawer>
  );
}
