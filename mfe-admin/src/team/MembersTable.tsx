/** Members table with per-row role change and activation toggle. */
import type { ReactNode } from 'react';
import { Avatar, Button, Popconfirm, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { formatDate, fullName, ListTable, type Paging } from '@digiweb/shared-ui';
import { COMPANY_LABELS, ROLES, ROLE_LABELS, type Role, type UserDto } from '@digiweb/api/contracts';
import type { MembersQuery } from './api';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const SELF_HINT = 'Vous ne pouvez pas modifier votre propre rôle ni désactiver votre propre compte.';

interface Props {
  query: MembersQuery;
  data: { items: UserDto[]; total: number } | undefined;
  loading: boolean;
  emptyText: ReactNode;
  myId: string;
  canUpdate: boolean;
  /** Ids of members with a change in flight. */
  pendingIds: ReadonlySet<string>;
  onPageChange: (paging: Paging) => void;
  onChangeRole: (member: UserDto, role: Role) => void;
  onSetActive: (member: UserDto, active: boolean) => Promise<void>;
}

export function MembersTable({
  query,
  data,
  loading,
  emptyText,
  myId,
  canUpdate,
  pendingIds,
  onPageChange,
  onChangeRole,
  onSetActive,
}: Props) {
  const columns: TableColumnsType<UserDto> = [
    {
      key: 'name',
      title: 'Nom',
      fixed: 'start',
      width: 230,
      render: (_, m) => (
        <Space size={8}>
          <Avatar size="small" src={m.avatarUrl} icon={<UserOutlined />} alt="" />
          <Typography.Text strong>{fullName(m)}</Typography.Text>
          {m.id === myId && <Tag>Vous</Tag>}
        </Space>
      ),
    },
    { key: 'email', title: 'E-mail', dataIndex: 'email', ellipsis: true },
    {
      key: 'role',
      title: 'Rôle',
      width: 250,
      render: (_, m) => {
        if (!canUpdate) return ROLE_LABELS[m.role];
        const self = m.id === myId;
        const select = (
          <Select<Role>
            size="small"
            value={m.role}
            options={ROLE_OPTIONS}
            disabled={self || pendingIds.has(m.id)}
            loading={pendingIds.has(m.id)}
            onChange={(role) => onChangeRole(m, role)}
            style={{ width: 230 }}
            aria-label={`Rôle de ${fullName(m)}`}
            data-testid={`team-role-${m.id}`}
          />
        );
        return self ? <Tooltip title={SELF_HINT}>{select}</Tooltip> : select;
      },
    },
    { key: 'team', title: 'Équipe', dataIndex: 'team', width: 150, render: (v: string | undefined) => v || '—' },
    {
      key: 'company',
      title: 'Société',
      width: 150,
      render: (_, m) => COMPANY_LABELS[m.company] ?? m.company,
    },
    {
      key: 'status',
      title: 'Statut',
      width: 100,
      render: (_, m) => (m.status === 'active' ? <Tag color="green">Actif</Tag> : <Tag>Inactif</Tag>),
    },
    { key: 'createdAt', title: "Date d'ajout", width: 120, render: (_, m) => formatDate(m.createdAt) },
  ];

  if (canUpdate) {
    columns.push({
      key: 'actions',
      title: 'Actions',
      fixed: 'end',
      width: 130,
      render: (_, m) => {
        const active = m.status === 'active';
        const self = m.id === myId;
        const button = (
          <Button
            size="small"
            danger={active}
            disabled={self || pendingIds.has(m.id)}
            loading={pendingIds.has(m.id)}
            data-testid={`team-status-${m.id}`}
          >
            {active ? 'Désactiver' : 'Réactiver'}
          </Button>
        );
        if (self) return <Tooltip title={SELF_HINT}>{button}</Tooltip>;
        return (
          <Popconfirm
            title={active ? 'Désactiver ce membre ?' : 'Réactiver ce membre ?'}
            description={
              active
                ? 'Ses sessions seront fermées immédiatement.'
                : 'Il pourra de nouveau se connecter avec les accès de son rôle.'
            }
            okText={active ? 'Désactiver' : 'Réactiver'}
            cancelText="Annuler"
            okButtonProps={{ danger: active }}
            onConfirm={() => onSetActive(m, !active)}
          >
            {button}
          </Popconfirm>
        );
      },
    });
  }

  return (
    <ListTable<UserDto>
      data-testid="team-table"
      data={data}
      loading={loading}
      emptyText={emptyText}
      paging={query}
      noun="membre"
      onPageChange={onPageChange}
      columns={columns}
      scroll={{ x: 1250 }}
    />
  );
}
