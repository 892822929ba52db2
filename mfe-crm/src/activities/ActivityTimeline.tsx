/** The timeline view: activities grouped by day (Paris), with their type, priority and status. */
import type { ReactNode } from 'react';
import { Button, Flex, Space, Spin, Timeline, Typography } from 'antd';
import { PhoneFilled } from '@ant-design/icons';
import { formatCount, formatDayLong, formatDuration, formatTime, fullName } from '@digiweb/shared-ui';
import { parisDayKey, type ActivityDto } from '@digiweb/api/contracts';
import { capitalised, PriorityTag, StatusTag, TYPE_COLORS, TypeIcon } from './display';

interface Props {
  items: ActivityDto[];
  total: number;
  /** Show whose activity it is (admins see the whole team). */
  showOwner: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  onLoadMore: () => void;
  onOpen: (a: ActivityDto) => void;
}

/** Consecutive activities of the same Paris day. */
function byDay(items: ActivityDto[]): { day: string; items: ActivityDto[] }[] {
  const groups: { day: string; items: ActivityDto[] }[] = [];
  for (const a of items) {
    const day = parisDayKey(a.dueAt);
    const last = groups[groups.length - 1];
    if (last?.day === day) last.items.push(a);
    else groups.push({ day, items: [a] });
  }
  return groups;
}

function ActivityEntry({ a, showOwner, onOpen }: { a: ActivityDto; showOwner: boolean; onOpen: (a: ActivityDto) => void }) {
  const details: ReactNode[] = [];
  if (a.contact) details.push(a.contact.name);
  if (a.deal) details.push(`Deal : ${a.deal.name}`);
  if (a.durationMinutes) details.push(formatDuration(a.durationMinutes));
  if (showOwner && a.owner) details.push(fullName(a.owner));
  return (
    <div
      role="button"
      tabIndex={0}
      onClick={() => onOpen(a)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(a);
        }
      }}
      aria-label={`Ouvrir l'activité ${a.subject}`}
      data-testid={`activity-item-${a.id}`}
      style={{ cursor: 'pointer', paddingBottom: 4 }}
    >
      <Flex gap={8} wrap align="center">
        <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatTime(a.dueAt)}
        </Typography.Text>
        <Typography.Text strong delete={a.status === 'cancelled'}>
          {a.subject}
        </Typography.Text>
        <PriorityTag priority={a.priority} />
        <StatusTag status={a.status} />
        {a.source === 'aircall' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <PhoneFilled /> Aircall
          </Typography.Text>
        )}
      </Flex>
      {details.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {details.join(' · ')}
        </Typography.Text>
      )}
      {a.notes && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, fontSize: 13 }}>
          {a.notes}
        </Typography.Paragraph>
      )}
    </div>
  );
}

export function ActivityTimeline({ items, total, showOwner, loadingMore, hasMore, onLoadMore, onOpen }: Props) {
  return (
    <div data-testid="activities-timeline">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {byDay(items).map(({ day, items: ofDay }) => (
          <section key={day} aria-label={formatDayLong(ofDay[0]!.dueAt)}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {capitalised(formatDayLong(ofDay[0]!.dueAt))}
            </Typography.Title>
            <Timeline
              items={ofDay.map((a) => ({
                key: a.id,
                color: TYPE_COLORS[a.type],
                icon: <TypeIcon type={a.type} />,
                content: <ActivityEntry a={a} showOwner={showOwner} onOpen={onOpen} />,
              }))}
            />
          </section>
        ))}
        <Flex justify="center" align="center" gap={12}>
          <Typography.Text type="secondary">
            {items.length} sur {formatCount(total, 'activité')}
          </Typography.Text>
          {hasMore && (
            <Button onClick={onLoadMore} loading={loadingMore} data-testid="activities-load-more">
              Charger plus
            </Button>
          )}
          {!hasMore && loadingMore && <Spin size="small" />}
        </Flex>
      </Space>
    </div>
  );
}
