/** How the outbox reads: channel tags and recipients. */
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { MailOutlined, MessageOutlined, ShareAltOutlined } from '@ant-design/icons';
import type { OutboxChannel } from '@digiweb/api/contracts';

export const CHANNELS: OutboxChannel[] = ['email', 'sms', 'social'];

export const CHANNEL_INFO: Record<OutboxChannel, { label: string; color: string; icon: ReactNode }> = {
  email: { label: 'E-mail', color: 'blue', icon: <MailOutlined /> },
  sms: { label: 'SMS', color: 'green', icon: <MessageOutlined /> },
  social: { label: 'Réseau social', color: 'purple', icon: <ShareAltOutlined /> },
};

export function ChannelTag({ channel }: { channel: OutboxChannel }) {
  const info = CHANNEL_INFO[channel];
  if (!info) return <Tag>{channel}</Tag>;
  return (
    <Tag color={info.color} icon={info.icon}>
      {info.label}
    </Tag>
  );
}

/** "a@x.fr, b@y.fr" — or the first two and how many more. */
export function formatRecipients(to: string[]): string {
  if (to.length === 0) return '—';
  if (to.length <= 2) return to.join(', ');
  return `${to.slice(0, 2).join(', ')} et ${to.length - 2} autre${to.length - 2 > 1 ? 's' : ''}`;
}
