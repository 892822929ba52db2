/**
 * "Historique" tab of the contact drawer: activities, e-mails, deals and the contact's changes (status,
 * assignment, enrichment, solvency, creation: who and when), newest first, loaded page by page.
 */
import type { ReactNode } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import {
  AuditOutlined,
  CalendarOutlined,
  DollarOutlined,
  FormOutlined,
  MailOutlined,
  PhoneOutlined,
  PlusCircleOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
  UserSwitchOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import {
  errorMessage,
  formatDateTime,
  formatDuration,
  formatEuros,
  fullName,
  ListBody,
  queryState,
} from '@digiweb/shared-ui';
import {
  ACTIVITY_STATUS_LABELS,
  ACTIVITY_TYPE_LABELS,
  DEAL_STAGE_LABELS,
  type ActivityType,
  type ContactHistoryPage,
  type HistoryItem,
  type UserSummary,
} from '@digiweb/api/contracts';
import { fetchHistory } from './api';
import { contactKeys } from './keys';

const ACTIVITY_ICONS: Record<ActivityType, ReactNode> = {
  call: <PhoneOutlined />,
  email: <MailOutlined />,
  meeting: <CalendarOutlined />,
  video: <VideoCameraOutlined />,
};

const by = (u: UserSummary | null) => (u ? ` · ${fullName(u)}` : '');

function describe(item: HistoryItem): { icon: ReactNode; color: string; title: ReactNode; detail?: ReactNode } {
  switch (item.kind) {
    case 'activity':
      return {
        icon: ACTIVITY_ICONS[item.type],
        color: item.status === 'completed' ? 'green' : item.status === 'cancelled' ? 'gray' : 'blue',
        title: (
          <>
            {ACTIVITY_TYPE_LABELS[item.type]} : {item.subject}{' '}
            <Tag color={item.status === 'completed' ? 'green' : item.status === 'cancelled' ? 'default' : 'blue'}>
              {ACTIVITY_STATUS_LABELS[item.status]}
            </Tag>
          </>
        ),
        detail:
          [item.durationMinutes ? formatDuration(item.durationMinutes) : null, item.notes]
            .filter(Boolean)
            .join(' — ') || undefined,
      };
    case 'email':
      return {
        icon: <MailOutlined />,
        color: 'purple',
        title: <>E-mail envoyé : {item.subject}</>,
        detail: `À ${item.to.join(', ')}`,
      };
    case 'deal':
      return {
        icon: <DollarOutlined />,
        color: 'gold',
        title: (
          <>
            Deal : {item.title} <Tag>{DEAL_STAGE_LABELS[item.stage]}</Tag>
          </>
        ),
        detail: formatEuros(item.amount),
      };
    case 'event':
      switch (item.type) {
        case 'created':
          return {
            icon: <PlusCircleOutlined />,
            color: 'green',
            title: <>Contact créé{item.toLabel ? ` en « ${item.toLabel} »` : ''}</>,
          };
        case 'status':
          return {
            icon: <SwapOutlined />,
            color: 'blue',
            title: (
              <>
                Statut : {item.fromLabel ?? '—'} → {item.toLabel ?? '—'}
              </>
            ),
          };
        case 'assignment':
          return {
            icon: <UserSwitchOutlined />,
            color: 'cyan',
            title: (
              <>
                Assignation : {item.fromLabel} → {item.toLabel}
              </>
            ),
          };
        case 'enrichment':
          return { icon: <AuditOutlined />, color: 'geekblue', title: <>Enrichi depuis {item.toLabel}</> };
        case 'solvency':
          return {
            icon: <SafetyCertificateOutlined />,
            color: 'orange',
            title: item.toLabel ? <>Solvabilité saisie : {item.toLabel}</> : <>Solvabilité effacée</>,
          };
        case 'notes':
          return {
            icon: <FormOutlined />,
            color: 'gray',
            title: item.toLabel ? <>Notes modifiées</> : <>Notes effacées</>,
            detail: item.toLabel ?? undefined,
          };
      }
  }
}

const authorOf = (item: HistoryItem) =>
  item.kind === 'email' ? item.by : item.kind === 'event' ? item.by : item.owner;

export function ContactHistory({ contactId }: { contactId: string }) {
  const { message } = App.useApp();
  const history = useInfiniteQuery({
    queryKey: contactKeys.history(contactId),
    queryFn: ({ signal, pageParam }) => fetchHistory(contactId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: ContactHistoryPage) => last.nextCursor,
  });
  // A failed "older interactions" says so in a toast; the list itself stays as it was.
  const first = queryState({
    ...history,
    error: history.isFetchNextPageError ? undefined : history.error,
    isFetching: history.isFetching && !history.isFetchingNextPage,
  });

  if (!history.data)
    return (
      <ListBody list={first} errorTitle="Impossible de charger l'historique">
        <Spin description="Chargement de l'historique…" style={{ display: 'block', padding: 48 }} />
      </ListBody>
    );

  const items = history.data.pages.flatMap((p) => p.items);
  const nextCursor = history.hasNextPage;
  const loadingMore = history.isFetchingNextPage;
  const loadMore = async () => {
    const result = await history.fetchNextPage();
    if (result.isError) message.error(errorMessage(result.error));
  };

  if (!items.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Aucune interaction pour le moment." />;

  return (
    <Flex vertical gap={12} data-testid="contact-history">
      <ListBody list={first} errorTitle="Impossible de charger l'historique">
        <Timeline
          items={items.map((item) => {
            const d = describe(item);
            return {
              key: item.key,
              color: d.color,
              icon: d.icon,
              content: (
                <div data-testid="history-item">
                  <div>{d.title}</div>
                  {d.detail && (
                    <Typography.Paragraph
                      type="secondary"
                      style={{ margin: 0 }}
                      ellipsis={{ rows: 2, expandable: true, symbol: 'plus' }}
                    >
                      {d.detail}
                    </Typography.Paragraph>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(item.at)}
                    {by(authorOf(item))}
                  </Typography.Text>
                </div>
              ),
            };
          })}
        />
      </ListBody>
      {nextCursor && (
        <Button onClick={loadMore} loading={loadingMore} block>
          Afficher les interactions plus anciennes
        </Button>
      )}
    </Flex>
  );
}
