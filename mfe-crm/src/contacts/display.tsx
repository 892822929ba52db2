/** Small presentational pieces shared by the table and the drawer. */
import { Avatar, Progress, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { fullName } from '@digiweb/shared-ui';
import { CONTACT_STATUS_LABELS, type ContactDto, type ContactStatus, type UserSummary } from '@digiweb/api/contracts';

export const STATUS_COLORS: Record<ContactStatus, string> = {
  lead: 'gold',
  prospect: 'blue',
  client: 'green',
};

export function StatusTag({ status }: { status: ContactStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]}>
      {CONTACT_STATUS_LABELS[status]}
    </Tag>
  );
}

function scoreColor(score: number): string {
  if (score >= 70) return '#52c41a';
  if (score >= 40) return '#faad14';
  return '#ff4d4f';
}

export function QualityScore({ score }: { score: number }) {
  const value = Math.max(0, Math.min(100, Math.round(score)));
  return (
    <Progress
      percent={value}
      size="small"
      strokeColor={scoreColor(value)}
      format={(p) => `${p ?? 0}`}
      style={{ width: 110, margin: 0 }}
      aria-label={`Score de qualité : ${value} sur 100`}
    />
  );
}

export function Assignee({ user }: { user: UserSummary | null }) {
  if (!user) return <Typography.Text type="secondary">Non assigné</Typography.Text>;
  return (
    <Space size={6}>
      <Avatar size="small" src={user.avatarUrl} icon={<UserOutlined />} alt="" />
      <span>{fullName(user)}</span>
    </Space>
  );
}

/** "Lyon (69003)", "Lyon", "69003" or "—". */
export function formatLocation(c: Pick<ContactDto, 'city' | 'postalCode'>): string {
  if (c.city && c.postalCode) return `${c.city} (${c.postalCode})`;
  return c.city ?? c.postalCode ?? '—';
}

/** "732 829 320 00074" for a 14-digit SIRET; anything else unchanged. */
export function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret) ? siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4') : siret;
}
