/** Settings: the member's notification choices. In-app notifications (the bell) always show. */
import { App, Card, Flex, Skeleton, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, ListBody, queryState } from '@digiweb/shared-ui';
import type { NotificationPreferences } from '@digiweb/api/contracts';

const preferencesKey = ['me', 'preferences'] as const;

const fetchPreferences = async (signal: AbortSignal) =>
  (await api.get<NotificationPreferences>('/me/preferences', { signal })).data;

export function NotificationsCard() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const prefs = queryState(useQuery({ queryKey: preferencesKey, queryFn: ({ signal }) => fetchPreferences(signal) }));

  // The switch moves at once; the previous choice comes back if the server refuses.
  const { mutate, isPending: saving } = useMutation({
    mutationFn: async (next: NotificationPreferences) =>
      (await api.put<NotificationPreferences>('/me/preferences', next)).data,
    onMutate: async (next) => {
      await queryClient.cancelQueries({ queryKey: preferencesKey });
      const before = queryClient.getQueryData<NotificationPreferences>(preferencesKey);
      queryClient.setQueryData(preferencesKey, next);
      return { before };
    },
    onSuccess: (data) => {
      queryClient.setQueryData(preferencesKey, data);
      message.success(data.reminderEmail ? 'Rappels par e-mail activés' : 'Rappels par e-mail désactivés');
    },
    onError: (err, _next, context) => {
      queryClient.setQueryData(preferencesKey, context?.before);
      message.error(`Votre choix n'a pas été enregistré : ${errorMessage(err)}`);
    },
  });
  const change = (reminderEmail: boolean) => mutate({ ...prefs.data!, reminderEmail });

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
