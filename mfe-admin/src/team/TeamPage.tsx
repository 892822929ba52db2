/** Administration → Équipe: members list with search and filters, role change and activation. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Empty, Flex, Input, Result, Select, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { errorMessage, fullName, useAbility, useSession } from '@digiweb/shared-ui';
import { ROLES, ROLE_LABELS, type Role, type UserDto, type UserStatus } from '@digiweb/api/contracts';
import { DEFAULT_MEMBERS_QUERY, listMembers, membersQueryKey, updateMember, type MembersQuery } from './api';
import { useDebouncedValue, useRemoteData } from './hooks';
import { MembersTable } from './MembersTable';

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
  const list = useRemoteData(membersQueryKey(query), (signal) => listMembers(query, signal));
  const { data, loading, reload, setData } = list;
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());

  // A page past the end (the last member of the last page left the filter): go to the last page.
  const lastPage = data ? Math.max(1, Math.ceil(data.total / query.pageSize)) : 1;
  if (data && !loading && data.items.length === 0 && data.total > 0 && lastPage < query.page) {
    setQuery((q) => ({ ...q, page: lastPage }));
  }

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
        setData((d) => d && { ...d, items: d.items.map((m) => (m.id === updated.id ? updated : m)) });
        message.success(success(updated));
        if ((query.role && updated.role !== query.role) || (query.status && updated.status !== query.status)) reload();
      } catch (err) {
        message.error(errorMessage(err));
      } finally {
        setPending(member.id, false);
      }
    },
    [message, query.role, query.status, reload, setData, setPending],
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
            Ses sessions seront fermées immédiatement : {name} devra se reconnecter et n&apos;aura plus accès qu&apos;aux
            modules du nouveau rôle.
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
  const emptyText = filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Aucun membre ne correspond à ces critères.">
      <Button onClick={clearFilters}>Effacer les filtres</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Aucun membre dans l'équipe pour le moment." />
  );

  return (
    <Flex vertical gap={16}>
      <Flex align="baseline" gap={12} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          Équipe
        </Typography.Title>
        {data && (
          <Typography.Text type="secondary">
            {data.total} membre{data.total > 1 ? 's' : ''}
          </Typography.Text>
        )}
      </Flex>

      <Flex gap={12} wrap align="center">
        <SearchBox value={query.q} onSearch={(q) => setQuery((cur) => ({ ...cur, q, page: 1 }))} />
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
        {filtered && (
          <Button type="link" onClick={clearFilters}>
            Effacer les filtres
          </Button>
        )}
      </Flex>

      {list.error !== undefined && !data ? (
        <Result
          status="error"
          title="Impossible de charger les membres"
          subTitle={errorMessage(list.error)}
          extra={
            <Button type="primary" onClick={reload}>
              Réessayer
            </Button>
          }
        />
      ) : (
        <>
          {list.error !== undefined && (
            <Alert
              type="error"
              showIcon
              title="La liste n'a pas pu être actualisée."
              description={errorMessage(list.error)}
              action={
                <Button size="small" onClick={reload}>
                  Réessayer
                </Button>
              }
            />
          )}
          <MembersTable
            query={query}
            data={data}
            loading={loading}
            emptyText={emptyText}
            myId={me.user.id}
            canUpdate={canUpdate}
            pendingIds={pendingIds}
            onPageChange={(page, pageSize) =>
              setQuery((q) => ({ ...q, pageSize, page: pageSize !== q.pageSize ? 1 : page }))
            }
            onChangeRole={changeRole}
            onSetActive={setActive}
          />
        </>
      )}
    </Flex>
  );
}

/**
 * Search input, debounced. Typing never gets overwritten by the (slower) query state; a change of `value`
 * made elsewhere (filters cleared) replaces the text.
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
      placeholder="Rechercher (nom, e-mail)"
      aria-label="Rechercher un membre"
      style={{ width: 300, maxWidth: '100%' }}
      value={text}
      maxLength={100}
      onChange={(e) => setText(e.target.value)}
      data-testid="team-search"
    />
  );
}
