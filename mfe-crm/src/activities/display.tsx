/** Small presentational pieces of the activities: type icons, priority and status tags. */
import type { ReactNode } from 'react';
import { Space, Tag } from 'antd';
import { MailOutlined, PhoneOutlined, TeamOutlined, VideoCameraOutlined } from '@ant-design/icons';
import {
  ACTIVITY_PRIORITY_LABELS,
  ACTIVITY_STATUS_LABELS,
  ACTIVITY_TYPE_LABELS,
  type ActivityPriority,
  type ActivityStatus,
  type ActivityType,
} from '@digiweb/api/contracts';

export const TYPE_ICONS: Record<ActivityType, ReactNode> = {
  call: <PhoneOutlined />,
  email: <MailOutlined />,
  meeting: <TeamOutlined />,
  video: <VideoCameraOutlined />,
};

/** Colour of each type (timeline dots, calendar entries). */
export const TYPE_COLORS: Record<ActivityType, string> = {
  call: '#1677ff',
  email: '#722ed1',
  meeting: '#fa8c16',
  video: '#13c2c2',
};

const PRIORITY_COLORS: Record<ActivityPriority, string> = { high: 'red', medium: 'gold', low: 'default' };
const STATUS_COLORS: Record<ActivityStatus, string> = { planned: 'processing', completed: 'success', cancelled: 'default' };

/** "mercredi 14 octobre" → "Mercredi 14 octobre" (headings). */
export const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function TypeIcon({ type }: { type: ActivityType }) {
  return (
    <span style={{ color: TYPE_COLORS[type] }} role="img" aria-label={ACTIVITY_TYPE_LABELS[type]}>
      {TYPE_ICONS[type]}
    </span>
  );
}

export function TypeLabel({ type }: { type: ActivityType }) {
  return (
    <Space size={6}>
      <TypeIcon type={type} />
      {ACTIVITY_TYPE_LABELS[type]}
    </Space>
  );
}

export function PriorityTag({ priority }: { priority: ActivityPriority }) {
  return <Tag color={PRIORITY_COLORS[priority]}>{ACTIVITY_PRIORITY_LABELS[priority]}</Tag>;
}

export function StatusTag({ status }: { status: ActivityStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{ACTIVITY_STATUS_LABELS[status]}</Tag>;
}
