/** Small presentational pieces of the deals screen: stage tag, probability, owner, closing date. */
import { Avatar, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { formatDate, fullName } from '@digiweb/shared-ui';
import {
  COMPANY_LABELS,
  DEAL_STAGE_LABELS,
  type CompanyKey,
  type DealCardDto,
  type DealStage,
  type UserSummary,
} from '@digiweb/api/contracts';

export const STAGE_COLORS: Record<DealStage, string> = {
  discovery: 'default',
  qualification: 'cyan',
  proposal: 'blue',
  negotiation: 'purple',
  won: 'green',
  lost: 'red',
};

/** Accent of each board column. */
export const STAGE_ACCENTS: Record<DealStage, string> = {
  discovery: '#8c8c8c',
  qualification: '#13c2c2',
  proposal: '#1677ff',
  negotiation: '#722ed1',
  won: '#52c41a',
  lost: '#ff4d4f',
};

export function StageTag({ stage }: { stage: DealStage }) {
  return <Tag color={STAGE_COLORS[stage]}>{DEAL_STAGE_LABELS[stage]}</Tag>;
}

export function ProbabilityTag({ value }: { value: number }) {
  const color = value >= 70 ? 'green' : value >= 40 ? 'gold' : 'default';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }} aria-label={`Probabilité de closing : ${value} %`}>
      {value} %
    </Tag>
  );
}

const initials = (u: UserSummary) => `${u.firstName[0] ?? ''}${u.lastName[0] ?? ''}`.toUpperCase();

/** The owner's avatar (initials) and, unless `compact`, his name. */
export function Owner({ user, compact = false }: { user: UserSummary | null; compact?: boolean }) {
  if (!user) return <Typography.Text type="secondary">—</Typography.Text>;
  const avatar = (
    <Avatar size="small" src={user.avatarUrl} style={{ background: '#1677ff', fontSize: 11, flex: 'none' }} alt="">
      {initials(user)}
    </Avatar>
  );
  if (compact)
    // Fills the width it is given, the name cut with an ellipsis (kanban cards).
    return (
      <Flex align="center" gap={6} style={{ minWidth: 0 }}>
        <Tooltip title={fullName(user)}>{avatar}</Tooltip>
        <Typography.Text ellipsis style={{ minWidth: 0, fontSize: 12 }}>
          {fullName(user)}
        </Typography.Text>
      </Flex>
    );
  return (
    <Space size={6} style={{ minWidth: 0 }}>
      {avatar}
      <Typography.Text ellipsis style={{ maxWidth: 200 }}>
        {fullName(user)}
      </Typography.Text>
    </Space>
  );
}

/** Today in Paris, YYYY-MM-DD (closing dates are calendar days). */
export function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

/** An open deal whose expected closing day has passed. */
export const isOverdue = (deal: Pick<DealCardDto, 'stage' | 'expectedCloseDate'>, today = todayInParis()) =>
  deal.stage !== 'won' && deal.stage !== 'lost' && deal.expectedCloseDate < today;

export function CloseDate({ deal }: { deal: Pick<DealCardDto, 'stage' | 'expectedCloseDate'> }) {
  const overdue = isOverdue(deal);
  return (
    <Typography.Text type={overdue ? 'danger' : undefined} title={overdue ? 'Date de clôture dépassée' : undefined}>
      {formatDate(deal.expectedCloseDate)}
    </Typography.Text>
  );
}

export const companyLabel = (k: CompanyKey) => COMPANY_LABELS[k];

/** "Société · Contact", or the contact alone. */
export const counterpart = (deal: Pick<DealCardDto, 'companyName' | 'contactName'>) =>
  deal.companyName ? `${deal.companyName} · ${deal.contactName}` : deal.contactName;
