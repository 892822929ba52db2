/**
 * CRM → Contacts: searchable, filterable list (or kanban by status, `?vue=kanban`) with detail drawer,
 * creation, assignment, deletion, bulk actions on selected rows and saved filters.
 */
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { App, Button, Flex, Spin } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { PlusOutlined } from '@ant-design/icons';
import {
  fullName,
  ListBody,
  ListEmpty,
  ListHeader,
  pageAfterEnd,
  queryState,
  useSession,
  useUndoableDelete,
} from '@digiweb/shared-ui';
import type { ContactDto } from '@digiweb/api/contracts';
import { ContactsDataActions } from '../import/ContactsDataActions';
import { useDirectory } from '../lookups';
import { deleteContact, listContacts, restoreContact } from './api';
import { BulkActions } from './BulkActions';
import { ContactDrawer } from './ContactDrawer';
import { ContactFormModal, type AssigneeOption } from './ContactFormModal';
import { ContactsTable } from './ContactsTable';
import { ContactsToolbar } from './ContactsToolbar';
import { useContactPermissions, useContactsUrlState } from './hooks';
import { contactKeys } from './keys';
import { DEFAULT_QUERY, UNASSIGNED, hasFilters, queryKey } from './query';
import { SavedFilters, queryOfSaved } from './SavedFilters';

// The kanban (dnd-kit) is its own chunk, fetched when the view is first shown.
const ContactsBoard = lazy(() => import('./ContactsBoard'));

export default function ContactsPage() {
  const { message } = App.useApp();
  const { me } = useSession();
  const permissions = useContactPermissions();
  const { query, setQuery, openId, setOpenId, view, setView } = useContactsUrlState();

  const queryClient = useQueryClient();
  const list = queryState(
    useQuery({
      queryKey: contactKeys.list(query),
      queryFn: ({ signal }) => listContacts(query, signal),
      enabled: view === 'liste',
      placeholderData: keepPreviousData,
    }),
  );
  // After a write: list, board and drawer are stale (the hidden view refetches when shown again).
  const reloadList = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: contactKeys.all }),
    [queryClient],
  );

  // Rows selected for a bulk action; a new query starts a new selection.
  const [selection, setSelection] = useState<{ key: string; ids: string[] }>({ key: '', ids: [] });
  const selected = selection.key === queryKey({ ...query, page: 1 }) ? selection.ids : [];
  const setSelected = useCallback(
    (ids: string[]) => setSelection({ key: queryKey({ ...query, page: 1 }), ids }),
    [query],
  );
  const canBulk = permissions.canAssign || permissions.canDelete || permissions.canSelectAny;

  // Assignee names are only needed by those who see or assign other members' contacts.
  const needDirectory = permissions.canReadOthers || permissions.canAssign;
  const directory = useDirectory('sales', needDirectory);
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
  const lastPage = view === 'liste' ? pageAfterEnd(list, query) : undefined;
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

  const undoableDelete = useUndoableDelete();
  const deleteWithUndo = useCallback(
    (contact: ContactDto) =>
      undoableDelete({
        remove: () => deleteContact(contact.id),
        restore: () => restoreContact(contact.id),
        key: `contact-deleted-${contact.id}`,
        title: 'Contact supprimé',
        description: `${fullName(contact)} a été supprimé.`,
        restoredText: 'Contact restauré',
        onDeleted: () => {
          setOpenId(null);
          reloadList();
        },
        onRestored: reloadList,
        undoTestId: 'contact-undo',
      }),
    [undoableDelete, reloadList, setOpenId],
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
      <Flex justify="space-between" align="center" gap={12} wrap>
        <ListHeader title="Contacts" total={view === 'liste' ? data?.total : undefined} noun="contact" />
        <ContactsDataActions query={query} onImported={reloadList} />
      </Flex>

      <ContactsToolbar
        view={view}
        onViewChange={setView}
        canFilterLinks={permissions.canAssign}
        savedFilters={
          <SavedFilters
            query={query}
            view={view}
            canSave={hasFilters(query) || query.sort !== DEFAULT_QUERY.sort || view === 'kanban'}
            onApply={(f) => {
              const next = queryOfSaved(f.query, query.pageSize);
              setQuery(next.query);
              setView(next.view);
              message.info(`Filtre « ${f.name} » appliqué`);
            }}
          />
        }
        query={query}
        onQueryChange={setQuery}
        assigneeOptions={assigneeOptions}
        assigneesLoading={directory.isFetching}
        canCreate={permissions.canCreate}
        onCreate={() => setCreating(true)}
        onClearFilters={clearFilters}
      />

      {view === 'kanban' ? (
        <Suspense fallback={<Spin description="Chargement du tableau…" style={{ display: 'block', padding: 48 }} />}>
          <ContactsBoard query={query} permissions={permissions} onOpen={openContact} />
        </Suspense>
      ) : (
        <>
          {selected.length > 0 && (
            <BulkActions
              selected={selected}
              canAssign={permissions.canAssign}
              canDelete={permissions.canDelete}
              assigneeOptions={assigneeOptions}
              onClear={() => setSelected([])}
              onDone={reloadList}
            />
          )}
          <ListBody list={list} errorTitle="Impossible de charger les contacts">
            <ContactsTable
              query={query}
              data={data}
              loading={loading}
              emptyText={emptyText}
              onQueryChange={setQuery}
              onOpen={openContact}
              selection={canBulk ? { selected, onChange: setSelected, canSelect: permissions.canSelect } : undefined}
            />
          </ListBody>
        </>
      )}

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
