/** Small presentational pieces shared by the table and the drawer. */
import type { ReactNode } from 'react';
import { Avatar, Flex, Popover, Progress, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { formatDate, fullName } from '@digiweb/shared-ui';
import {
  CONTACT_STATUS_LABELS,
  QUALITY_GROUPS,
  QUALITY_GROUP_LABELS,
  SOLVENCY_SOURCE_LABELS,
  qualityGroupOf,
  solvencyBand,
  type ContactDto,
  type ContactSolvencyDto,
  type ContactStatus,
  type QualityItem,
  type UserSummary,
} from '@digiweb/api/contracts';

/** A value, or a dash when there is none. */
export const dash = (value: ReactNode) => (value === undefined || value === null || value === '' ? '—' : value);

export const STATUS_COLORS: Record<ContactStatus, string> = {
  lead: 'gold',
  prospect: 'blue',
  client: 'green',
};

export function StatusTag({ status }: { status: ContactStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{CONTACT_STATUS_LABELS[status]}</Tag>;
}

function scoreColor(score: number): string {
  if (score >= 70) return '#52c41a';
  if (score >= 40) return '#faad14';
  return '#ff4d4f';
}

/** The breakdown of a quality score, criterion by criterion, grouped. */
export function QualityBreakdown({ items }: { items: QualityItem[] }) {
  return (
    <Flex vertical gap={8} style={{ width: 300 }} data-testid="quality-breakdown">
      {QUALITY_GROUPS.map((group) => {
        const rows = items.filter((i) => qualityGroupOf(i.key) === group);
        if (!rows.length) return null;
        const points = rows.reduce((s, i) => s + i.points, 0);
        const max = rows.reduce((s, i) => s + i.max, 0);
        return (
          <div key={group}>
            <Flex justify="space-between">
              <Typography.Text strong>{QUALITY_GROUP_LABELS[group]}</Typography.Text>
              <Typography.Text strong>
                {points}/{max}
              </Typography.Text>
            </Flex>
            {rows.map((i) => (
              <Flex key={i.key} justify="space-between" gap={8}>
                <Typography.Text type={i.points ? undefined : 'secondary'} style={{ fontSize: 12 }}>
                  {i.points === i.max ? '✓' : i.points ? '◐' : '✗'} {i.label}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {i.points}/{i.max}
                </Typography.Text>
              </Flex>
            ))}
          </div>
        );
      })}
    </Flex>
  );
}

/** The score as a bar; hovering or focusing it shows how it is made. */
export function QualityScore({ score, breakdown }: { score: number; breakdown?: QualityItem[] }) {
  const value = Math.max(0, Math.min(100, Math.round(score)));
  const bar = (
    <Progress
      percent={value}
      size="small"
      strokeColor={scoreColor(value)}
      format={(p) => `${p ?? 0}`}
      style={{ width: 110, margin: 0 }}
      aria-label={`Score de qualité : ${value} sur 100`}
    />
  );
  if (!breakdown?.length) return bar;
  return (
    <Popover
      title={`Score de qualité : ${value}/100`}
      content={<QualityBreakdown items={breakdown} />}
      placement="left"
    >
      {/* Focusable, so that the breakdown is reachable from the keyboard too. */}
      <span tabIndex={0} data-testid="quality-score" style={{ display: 'inline-block' }}>
        {bar}
      </span>
    </Popover>
  );
}

/** Solvency 0–100 with its risk band, source and date. */
export function SolvencyTag({ solvency }: { solvency: ContactSolvencyDto }) {
  const band = solvencyBand(solvency.score);
  return (
    <Space size={6} wrap>
      <Tag color={band.color}>
        {solvency.score}/100 · {band.label}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {SOLVENCY_SOURCE_LABELS[solvency.source]}, le {formatDate(solvency.at)}
        {solvency.by ? ` par ${solvency.by.name}` : ''}
      </Typography.Text>
    </Space>
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
