/**
 * Administration → Sécurité: how long a member may stay inactive before he must sign in again (set
 * here, applied to open sessions too), and the absolute lifetime of a session, which the server's
 * configuration fixes.
 */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Form, Spin, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { AmountInput, amountRule, api, errorMessage, fieldErrors, formatDateTime, ListBody, useAbility, queryState } from '@digiweb/shared-ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { adminKeys } from '../keys';
import {
  IDLE_MINUTES_DEFAULT,
  IDLE_MINUTES_MAX,
  IDLE_MINUTES_MIN,
  securitySettingsSchema,
  type SecuritySettingsDto,
} from '@digiweb/api/contracts';

async function loadSecurity(signal: AbortSignal): Promise<SecuritySettingsDto> {
  const { data } = await api.get<SecuritySettingsDto>('/admin/security', { signal });
  return data;
}

/** "15 min", "1 h 30", "10 h". */
function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

export default function SecurityPage() {
  const queryClient = useQueryClient();
  const settings = queryState(
    useQuery({ queryKey: adminKeys.security(), queryFn: ({ signal }) => loadSecurity(signal) }),
  );
  const canUpdate = useAbility().can('update', 'SecuritySetting');

  return (
    <Flex vertical gap={16} style={{ maxWidth: 860 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        Sécurité
      </Typography.Title>
      <ListBody list={settings} errorTitle="Impossible de charger les paramètres de sécurité">
        {settings.data ? (
          <SessionsCard
            settings={settings.data}
            canUpdate={canUpdate}
            onSaved={(s) => queryClient.setQueryData(adminKeys.security(), s)}
          />
        ) : (
          <Spin description="Chargement…" style={{ display: 'block', padding: 48 }} />
        )}
      </ListBody>
    </Flex>
  );
}

function SessionsCard({
  settings: s,
  canUpdate,
  onSaved,
}: {
  settings: SecuritySettingsDto;
  canUpdate: boolean;
  onSaved: (s: SecuritySettingsDto) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ idleMinutes: number | null }>();
  const typed = Form.useWatch('idleMinutes', form);
  const [pending, setPending] = useState(false);

  const save = async ({ idleMinutes }: { idleMinutes: number | null }) => {
    const parsed = securitySettingsSchema.safeParse({ idleMinutes: idleMinutes ?? undefined });
    if (!parsed.success) return form.setFields([{ name: 'idleMinutes', errors: [parsed.error.issues[0]!.message] }]);
    setPending(true);
    try {
      const { data } = await api.put<SecuritySettingsDto>('/admin/security', parsed.data);
      message.success(`Durée d'inactivité enregistrée : ${formatMinutes(data.idleMinutes)}`);
      onSaved(data);
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields.length) form.setFields(fields.map((f) => ({ name: 'idleMinutes', errors: f.errors })));
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <SafetyOutlined /> Sessions
        </Flex>
      }
      data-testid="security-sessions"
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>
          Un membre qui ne fait plus rien dans le portail pendant cette durée est déconnecté : il doit se reconnecter.
          Une nouvelle durée s'applique aussi aux sessions déjà ouvertes.
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          disabled={pending || !canUpdate}
          initialValues={{ idleMinutes: s.idleMinutes }}
        >
          <Form.Item
            name="idleMinutes"
            label="Durée d'inactivité avant déconnexion"
            required
            rules={[amountRule]}
            extra={`Entre ${formatMinutes(IDLE_MINUTES_MIN)} et ${formatMinutes(IDLE_MINUTES_MAX)}${
              typeof typed === 'number' && typed >= 1 ? `, soit ${formatMinutes(Math.round(typed))}` : ''
            }.`}
          >
            <AmountInput
              decimals={0}
              min={IDLE_MINUTES_MIN}
              max={IDLE_MINUTES_MAX}
              suffix="minutes"
              style={{ width: 200 }}
              data-testid="security-idle-minutes"
            />
          </Form.Item>
          {canUpdate && (
            <Button type="primary" htmlType="submit" loading={pending} data-testid="security-save">
              Enregistrer
            </Button>
          )}
        </Form>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'absolute',
              label: "Durée maximale d'une session",
              children: `${formatMinutes(s.absoluteHours * 60)} après la connexion, même en activité (configuration du serveur)`,
            },
            {
              key: 'updated',
              label: 'Modifiée',
              children: s.updatedAt
                ? `${formatDateTime(s.updatedAt)}${s.updatedBy ? ` par ${s.updatedBy}` : ''}`
                : `Jamais : durée par défaut (${formatMinutes(IDLE_MINUTES_DEFAULT)})`,
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
