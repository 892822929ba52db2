/** CRM → Contacts: searchable, filterable list with detail drawer, creation, assignment and deletion. */
import { useCallback, useMemo, useState } from 'react';
import { App, Button, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  errorMessage,
  fullName,
  ListBody,
  ListEmpty,
  ListHeader,
  pageAfterEnd,
  useRemoteData,
  useSession,
} from '@digiweb/shared-ui';
import type { ContactDto } from '@digiweb/api/contracts';
import { deleteContact, fetchDirectory, listContacts, restoreContact } from './api';
import { ContactDrawer } from './ContactDrawer';
import { ContactFormModal, type AssigneeOption } from './ContactFormModal';
import { ContactsTable } from './ContactsTable';
import { ContactsToolbar } from './ContactsToolbar';
import { useContactPermissions, useContactsUrlState } from './hooks';
import { DEFAULT_QUERY, UNASSIGNED, hasFilters, queryKey } from './query';

/** How long the "Annuler" button of a deletion stays available, in seconds. */
const UNDO_SECONDS = 8;

export default function ContactsPage() {
  const { message, notification } = App.useApp();
  const { me } = useSession();
  const permissions = useContactPermissions();
  const { query, setQuery, openId, setOpenId } = useContactsUrlState();

  const list = useRemoteData(queryKey(query), (signal) => listContacts(query, signal));
  const { reload: reloadList } = list;

  // Assignee names are only needed by those who see or assign other members' contacts.
  const needDirectory = permissions.canReadOthers || permissions.canAssign;
  const directory = useRemoteData(needDirectory ? 'directory:sales' : null, (signal) => fetchDirectory('sales', signal));
  const assigneeOptions = useMemo<AssigneeOption[]>(() => {
    const myId = me.user.id;
    const others = (directory.data ?? [])
      .filter((m) => m.id !== myId)
      .map((m) => ({ value: m.id, label: fullName(m) }));
    return [
      { value: UNASSIGNED, label: 'Non assigné' },
      { value: myId, label: `${fullName(me.user)} (moi)` },
      ...others,
    ];
  }, [directory.data, me.user]);

  const [clicked, setClicked] = useState<ContactDto>();
  const [creating, setCreating] = useState(false);

  // A page past the end (e.g. after deleting the last contact of the last page): go to the last page.
  const { data, loading } = list;
  const lastPage = pageAfterEnd(list, query);
  if (lastPage !== undefined) setQuery((q) => ({ ...q, page: lastPage }));

  const clearFilters = useCallback(
    () => setQuery((q) => ({ ...DEFAULT_QUERY, pageSize: q.pageSize, sort: q.sort })),
    [setQuery],
  );

  const openContact = useCallback(
    (contact: ContactDto) => {
      setClicked(contact);
      setOpenId(contact.id);
    },
    [setOpenId],
  );

  const deleteWithUndo = useCallback(
    async (contact: ContactDto) => {
      try {
        await deleteContact(contact.id);
      } catch (err) {
        message.error(errorMessage(err));
        throw err;
      }
      setOpenId(null);
      reloadList();
      const key = `contact-deleted-${contact.id}`;
      const undo = async () => {
        notification.destroy(key);
        try {
          await restoreContact(contact.id);
          message.success('Contact restauré');
          reloadList();
        } catch (err) {
          message.error(errorMessage(err));
        }
      };
      notification.success({
        key,
        title: 'Contact supprimé',
        description: `${fullName(contact)} a été supprimé.`,
        duration: UNDO_SECONDS,
        showProgress: true,
        pauseOnHover: true,
        actions: (
          <Button type="primary" size="small" onClick={undo} data-testid="contact-undo">
            Annuler
          </Button>
        ),
      });
    },
    [message, notification, reloadList, setOpenId],
  );

  const emptyText = (
    <ListEmpty
      filtered={hasFilters(query)}
      onClearFilters={clearFilters}
      description="Aucun contact pour le moment."
      filteredDescription="Aucun contact ne correspond à ces critères."
    >
      {permissions.canCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          Nouveau contact
        </Button>
      )}
    </ListEmpty>
  );

  return (
    <Flex vertical gap={16}>
      <ListHeader title="Contacts" total={data?.total} noun="contact" />

      <ContactsToolbar
        query={query}
        onQueryChange={setQuery}
        assigneeOptions={assigneeOptions}
        assigneesLoading={directory.loading}
        canCreate={permissions.canCreate}
        onCreate={() => setCreating(true)}
        onClearFilters={clearFilters}
      />

      <ListBody list={list} errorTitle="Impossible de charger les contacts">
        <ContactsTable
          query={query}
          data={data}
          loading={loading}
          emptyText={emptyText}
          onQueryChange={setQuery}
          onOpen={openContact}
        />
      </ListBody>

      <ContactDrawer
        contactId={openId}
        initial={clicked}
        permissions={permissions}
        assigneeOptions={assigneeOptions}
        onClose={() => setOpenId(null)}
        onChanged={reloadList}
        onDelete={deleteWithUndo}
      />

      <ContactFormModal
        open={creating}
        canAssign={permissions.canAssign}
        assigneeOptions={assigneeOptions}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          setQuery((q) => (q.page === 1 ? q : { ...q, page: 1 }));
          reloadList();
        }}
      />
    </Flex>
  );
}
