/**
 * The member's notifications (activity reminders…) in the header: unread count refreshed every
 * minute (a background request, not activity for the idle limit) and when the panel opens; a click opens what the notification is about and marks it read.
 */
import { useCallback, useEffect, useState } from 'react';
import { App, Badge, Button, Empty, List, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { navigateToUrl } from 'single-spa';
import { BACKGROUND_REQUEST_HEADER, type NotificationDto, type NotificationList } from '@digiweb/api/contracts';
import { api, errorMessage, formatDateTime } from '@digiweb/shared-ui';

const REFRESH_MS = 60_000;

export function NotificationBell() {
  const { message } = App.useApp();
  const [list, setList] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);

  /** `background`: the periodic refresh, which must not keep an idle member signed in. */
  const load = useCallback(async (background = false) => {
    setLoading(true);
    try {
      const { data } = await api.get<NotificationList>('/notifications', {
        params: { pageSize: 8 },
        headers: background ? { [BACKGROUND_REQUEST_HEADER]: '1' } : undefined,
      });
      setList(data);
    } catch {
      // A failed refresh keeps the previous state; the next tick retries.
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(true), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const openOne = async (n: NotificationDto) => {
    setOpen(false);
    try {
      if (!n.readAt) await api.post(`/notifications/${n.id}/read`, {});
    } catch (err) {
      message.error(errorMessage(err));
    }
    if (n.link) navigateToUrl(n.link);
    void load();
  };

  const readAll = async () => {
    try {
      await api.post('/notifications/read-all', {});
      message.success('Notifications marquées comme lues');
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const content = (
    <div style={{ width: 340 }} data-testid="notifications-panel">
      {loading && !list ? (
        <Spin />
      ) : !list?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Aucune notification" />
      ) : (
        <List
          size="small"
          dataSource={list.items}
          renderItem={(n) => (
            <List.Item
              onClick={() => void openOne(n)}
              style={{ cursor: 'pointer', background: n.readAt ? undefined : '#f5f3ff', paddingInline: 8 }}
            >
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                description={
                  <>
                    {n.body && <div>{n.body}</div>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      content={content}
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span>Notifications</span>
          {!!list?.unread && (
            <Button type="link" size="small" onClick={() => void readAll()}>
              Tout marquer comme lu
            </Button>
          )}
        </div>
      }
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void load();
      }}
    >
      <Button type="text" aria-label="Notifications" data-testid="notifications-bell" style={{ height: 40 }}>
        <Badge count={list?.unread ?? 0} size="small" data-testid="notifications-unread">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
