/**
 * The calendar view: a month of activities from the calendar feed (light payload). Click a day to list
 * its activities beside the calendar; click an activity to open it.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Calendar, Card, Col, Empty, Flex, Row, Space, Spin, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatDayLong, formatTime, ListBody, queryState } from '@digiweb/shared-ui';
import { parisDayKey, parisStartOfDay, type ActivityCalendarItem } from '@digiweb/api/contracts';
import { calendarActivities } from './api';
import { capitalised, PriorityTag, StatusTag, TYPE_COLORS, TypeIcon } from './display';
import { activityKeys } from './keys';
import { currentMonth, type ActivityFilters } from './query';

/** Entries shown in a day cell before "+ N autres". */
const PER_CELL = 3;
/** Days of a month grid (six weeks). */
const GRID_DAYS = 42;

interface Props {
  /** `YYYY-MM`. */
  month: string;
  onMonthChange: (month: string) => void;
  filters: ActivityFilters;
  onOpen: (id: string) => void;
}

/** An activity in a day cell: coloured by type, struck through when cancelled. */
function CellEntry({ item, onOpen }: { item: ActivityCalendarItem; onOpen: (id: string) => void }) {
  return (
    <div
      role="button"
      tabIndex={0}
      title={`${formatTime(item.dueAt)} ${item.subject}${item.contactName ? ` — ${item.contactName}` : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        onOpen(item.id);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(item.id);
      }}
      data-testid={`calendar-item-${item.id}`}
      style={{
        cursor: 'pointer',
        borderLeft: `3px solid ${TYPE_COLORS[item.type]}`,
        paddingLeft: 4,
        marginBottom: 2,
        fontSize: 12,
        lineHeight: '18px',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        opacity: item.status === 'cancelled' ? 0.55 : 1,
        textDecoration: item.status === 'cancelled' ? 'line-through' : undefined,
      }}
    >
      {formatTime(item.dueAt)} {item.subject}
    </div>
  );
}

export function ActivityCalendar({ month, onMonthChange, filters, onOpen }: Props) {
  const first = dayjs(`${month}-01`);
  // The grid starts on the Monday of the month's first week (French locale).
  const gridStart = first.startOf('week').format('YYYY-MM-DD');
  const range = useMemo(
    () => ({ from: parisStartOfDay(gridStart).toISOString(), to: parisStartOfDay(gridStart, GRID_DAYS).toISOString() }),
    [gridStart],
  );
  // Writes elsewhere (created, edited, deleted) invalidate `activityKeys.calendars()`.
  const feed = queryState(
    useQuery({
      queryKey: activityKeys.calendar(filters, range.from),
      queryFn: ({ signal }) => calendarActivities(filters, range, signal),
      placeholderData: keepPreviousData,
    }),
  );
  const byDay = useMemo(() => {
    const map = new Map<string, ActivityCalendarItem[]>();
    for (const item of feed.data?.items ?? []) {
      const key = parisDayKey(item.dueAt);
      map.set(key, [...(map.get(key) ?? []), item]);
    }
    return map;
  }, [feed.data]);

  const [selected, setSelected] = useState<string | null>(null);
  const selectedDay = selected && selected.startsWith(month) ? selected : null;
  const ofSelected = selectedDay ? (byDay.get(selectedDay) ?? []) : [];

  const select = (d: Dayjs) => {
    const key = d.format('YYYY-MM-DD');
    setSelected(key);
    if (key.slice(0, 7) !== month) onMonthChange(key.slice(0, 7));
  };
  const shift = (months: number) => onMonthChange(first.add(months, 'month').format('YYYY-MM'));

  return (
    <div data-testid="activities-calendar">
      <ListBody list={feed} errorTitle="Impossible de charger le calendrier">
        {feed.data?.truncated && (
          <Alert
            type="warning"
            showIcon
            title="Trop d'activités sur ce mois : toutes ne sont pas affichées. Affinez les filtres."
          />
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={17}>
            <Spin spinning={feed.loading}>
              <Calendar
                value={dayjs(selectedDay ?? `${month}-01`)}
                mode="month"
                onSelect={(d, info) => {
                  if (info.source === 'date') select(d);
                }}
                headerRender={() => (
                  <Flex justify="space-between" align="center" style={{ padding: '8px 0' }}>
                    <Typography.Title level={4} style={{ margin: 0 }} data-testid="calendar-month">
                      {capitalised(first.format('MMMM YYYY'))}
                    </Typography.Title>
                    <Space>
                      <Button icon={<LeftOutlined />} aria-label="Mois précédent" onClick={() => shift(-1)} />
                      <Button onClick={() => onMonthChange(currentMonth())}>Aujourd'hui</Button>
                      <Button icon={<RightOutlined />} aria-label="Mois suivant" onClick={() => shift(1)} />
                    </Space>
                  </Flex>
                )}
                cellRender={(d, info) => {
                  if (info.type !== 'date') return info.originNode;
                  const items = byDay.get(d.format('YYYY-MM-DD')) ?? [];
                  return (
                    <div>
                      {items.slice(0, PER_CELL).map((item) => (
                        <CellEntry key={item.id} item={item} onOpen={onOpen} />
                      ))}
                      {items.length > PER_CELL && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          + {items.length - PER_CELL} autre{items.length - PER_CELL > 1 ? 's' : ''}
                        </Typography.Text>
                      )}
                    </div>
                  );
                }}
              />
            </Spin>
          </Col>
          <Col xs={24} xl={7}>
            <Card
              size="small"
              title={selectedDay ? capitalised(formatDayLong(parisStartOfDay(selectedDay))) : 'Jour sélectionné'}
              data-testid="calendar-day"
            >
              {!selectedDay ? (
                <Typography.Text type="secondary">Cliquez sur un jour pour voir ses activités.</Typography.Text>
              ) : ofSelected.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Aucune activité ce jour-là." />
              ) : (
                <Flex vertical gap={8}>
                  {ofSelected.map((item) => (
                    <Flex
                      key={item.id}
                      vertical
                      gap={2}
                      role="button"
                      tabIndex={0}
                      onClick={() => onOpen(item.id)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') onOpen(item.id);
                      }}
                      style={{ cursor: 'pointer', borderLeft: `3px solid ${TYPE_COLORS[item.type]}`, paddingLeft: 8 }}
                    >
                      <Space size={6} wrap>
                        <TypeIcon type={item.type} />
                        <Typography.Text type="secondary">{formatTime(item.dueAt)}</Typography.Text>
                        <Typography.Text strong>{item.subject}</Typography.Text>
                      </Space>
                      <Space size={4} wrap>
                        <PriorityTag priority={item.priority} />
                        <StatusTag status={item.status} />
                        {item.contactName && <Typography.Text type="secondary">{item.contactName}</Typography.Text>}
                      </Space>
                    </Flex>
                  ))}
                </Flex>
              )}
            </Card>
          </Col>
        </Row>
      </ListBody>
    </div>
  );
}
