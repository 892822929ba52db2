/** Settings: the member's notification choices. In-app notifications (the bell) always show. */
import { useState } from 'react';
import { App, Card, Flex, Skeleton, Switch, Typography } from 'antd';
import { api, errorMessage, ListBody, useRemoteData } from '@digiweb/shared-ui';
import type { NotificationPreferences } from '@digiweb/api/contracts';

const fetchPreferences = async (signal: AbortSignal) =>
  (await api.get<NotificationPreferences>('/me/preferences', { signal })).data;

export function NotificationsCard() {
  const { message } = App.useApp();
  const prefs = useRemoteData('preferences', fetchPreferences);
  const [saving, setSaving] = useState(false);

  const change = async (reminderEmail: boolean) => {
    const before = prefs.data!;
    prefs.setData(() => ({ ...before, reminderEmail }));
    setSaving(true);
    try {
      const { data } = await api.put<NotificationPreferences>('/me/preferences', { ...before, reminderEmail });
      prefs.setData(() => data);
      message.success(data.reminderEmail ? 'Rappels par e-mail activés' : 'Rappels par e-mail désactivés');
    } catch (err) {
      prefs.setData(() => before);
      message.error(`Votre choix n'a pas été enregistré : ${errorMessage(err)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="Notifications" data-testid="notifications-card">
      <ListBody list={prefs} errorTitle="Impossible de charger vos préférences">
        {prefs.data ? (
          <Flex justify="space-between" align="center" gap={24}>
            <div>
              <Typography.Text strong id="reminder-email-label">
                Rappels d'activité par e-mail
              </Typography.Text>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                Le rappel d'une activité planifiée vous est aussi envoyé par e-mail. Il s'affiche toujours dans la
                cloche des notifications.
              </Typography.Paragraph>
            </div>
            <Switch
              checked={prefs.data.reminderEmail}
              loading={saving}
              onChange={change}
              aria-labelledby="reminder-email-label"
              data-testid="pref-reminder-email"
            />
          </Flex>
        ) : (
          <Skeleton active paragraph={{ rows: 1 }} />
        )}
      </ListBody>
    </Card>
  );
}
