/** Administration → Équipe: members list with search and filters, role change and activation. */
import { useCallback, useState } from 'react';
import { App, Flex, Select } from 'antd';
import {
  ClearFiltersButton,
  errorMessage,
  fullName,
  ListBody,
  ListEmpty,
  ListHeader,
  pageAfterEnd,
  SearchInput,
  queryState,
  useAbility,
  useSession,
} from '@digiweb/shared-ui';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES, ROLE_LABELS, type Paginated, type Role, type UserDto, type UserStatus } from '@digiweb/api/contracts';
import { DEFAULT_MEMBERS_QUERY, listMembers, membersQueryKey, updateMember, type MembersQuery } from './api';
import { MembersTable } from './MembersTable';
import { adminKeys } from '../keys';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const STATUS_OPTIONS: { value: UserStatus; label: string }[] = [
  { value: 'active', label: 'Actif' },
  { value: 'inactive', label: 'Inactif' },
];

export default function TeamPage() {
  const { message, modal } = App.useApp();
  const { me } = useSession();
  const ability = useAbility();
  const canUpdate = ability.can('update', 'User');

  const [query, setQuery] = useState<MembersQuery>(DEFAULT_MEMBERS_QUERY);
  const queryClient = useQueryClient();
  const list = queryState(
    useQuery({
      queryKey: adminKeys.memberList(membersQueryKey(query)),
      queryFn: ({ signal }) => listMembers(query, signal),
      placeholderData: keepPreviousData,
    }),
  );
  const { data, loading } = list;
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());

  // A page past the end (the last member of the last page left the filter): go to the last page.
  const lastPage = pageAfterEnd(list, query);
  if (lastPage !== undefined) setQuery((q) => ({ ...q, page: lastPage }));

  const setPending = useCallback((id: string, pending: boolean) => {
    setPendingIds((ids) => {
      const next = new Set(ids);
      if (pending) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  /** Sends the change, replaces the row, and refetches if the row no longer matches the filters. */
  const applyUpdate = useCallback(
    async (member: UserDto, body: { role?: Role; status?: UserStatus }, success: (updated: UserDto) => string) => {
      setPending(member.id, true);
      try {
        const updated = await updateMember(member.id, body);
        queryClient.setQueryData<Paginated<UserDto>>(
          adminKeys.memberList(membersQueryKey(query)),
          (d) => d && { ...d, items: d.items.map((m) => (m.id === updated.id ? updated : m)) },
        );
        message.success(success(updated));
        // The row may have left the filters; other pages and the names look-up follow too.
        void queryClient.invalidateQueries({ queryKey: adminKeys.members() });
      } catch (err) {
        message.error(errorMessage(err));
      } finally {
        setPending(member.id, false);
      }
    },
    [message, query, queryClient, setPending],
  );

  const changeRole = (member: UserDto, role: Role) => {
    if (role === member.role) return;
    const name = fullName(member);
    modal.confirm({
      title: `Changer le rôle de ${name} ?`,
      content: (
        <>
          <p>
            {ROLE_LABELS[member.role]} → <strong>{ROLE_LABELS[role]}</strong>
          </p>
          <p>
            Ses sessions seront fermées immédiatement : {name} devra se reconnecter et n&apos;aura plus accès
            qu&apos;aux modules du nouveau rôle.
          </p>
        </>
      ),
      okText: 'Changer le rôle',
      cancelText: 'Annuler',
      // Errors are reported by applyUpdate; the promise never rejects, so the dialog always closes.
      onOk: () =>
        applyUpdate(
          member,
          { role },
          (u) => `Rôle de ${fullName(u)} changé en « ${ROLE_LABELS[u.role]} ». Ses sessions ont été fermées.`,
        ),
    });
  };

  const setActive = (member: UserDto, active: boolean) =>
    applyUpdate(member, { status: active ? 'active' : 'inactive' }, (u) =>
      active ? `${fullName(u)} est de nouveau actif.` : `${fullName(u)} a été désactivé. Ses sessions ont été fermées.`,
    );

  const filtered = Boolean(query.q || query.role || query.status);
  const clearFilters = () => setQuery((q) => ({ ...DEFAULT_MEMBERS_QUERY, pageSize: q.pageSize }));
  const emptyText = (
    <ListEmpty
      filtered={filtered}
      onClearFilters={clearFilters}
      description="Aucun membre dans l'équipe pour le moment."
      filteredDescription="Aucun membre ne correspond à ces critères."
    />
  );

  return (
    <Flex vertical gap={16}>
      <ListHeader title="Équipe" total={data?.total} noun="membre" />

      <Flex gap={12} wrap align="center">
        <SearchInput
          value={query.q}
          onSearch={(q) => setQuery((cur) => ({ ...cur, q, page: 1 }))}
          placeholder="Rechercher (nom, e-mail)"
          aria-label="Rechercher un membre"
          data-testid="team-search"
        />
        <Select<Role>
          allowClear
          placeholder="Tous les rôles"
          aria-label="Filtrer par rôle"
          style={{ width: 240 }}
          value={query.role}
          options={ROLE_OPTIONS}
          onChange={(role) => setQuery((cur) => ({ ...cur, role, page: 1 }))}
          data-testid="team-filter-role"
        />
        <Select<UserStatus>
          allowClear
          placeholder="Tous les statuts"
          aria-label="Filtrer par statut"
          style={{ width: 170 }}
          value={query.status}
          options={STATUS_OPTIONS}
          onChange={(status) => setQuery((cur) => ({ ...cur, status, page: 1 }))}
          data-testid="team-filter-status"
        />
        {filtered && <ClearFiltersButton onClick={clearFilters} />}
      </Flex>

      <ListBody list={list} errorTitle="Impossible de charger les membres">
        <MembersTable
          query={query}
          data={data}
          loading={loading}
          emptyText={emptyText}
          myId={me.user.id}
          canUpdate={canUpdate}
          pendingIds={pendingIds}
          onPageChange={(paging) => setQuery((q) => ({ ...q, ...paging }))}
          onChangeRole={changeRole}
          onSetActive={setActive}
        />
      </ListBody>
    </Flex>
  );
}
