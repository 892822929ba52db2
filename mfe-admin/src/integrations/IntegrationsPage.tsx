/**
 * Administration → Intégrations: API keys of the connected services (Pappers for now). A key is typed
 * once and kept by the server: the page shows only whether it is set and its last 4 characters.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Popconfirm, Spin, Tag, Typography } from 'antd';
import { ApiOutlined } from '@ant-design/icons';
import {
  api,
  errorMessage,
  fieldErrors,
  formatDateTime,
  ListBody,
  useAbility,
  queryState,
  useSession,
} from '@digiweb/shared-ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { adminKeys } from '../keys';
import { pappersKeySchema, type IntegrationDto } from '@digiweb/api/contracts';

async function listIntegrations(signal: AbortSignal): Promise<IntegrationDto[]> {
  const { data } = await api.get<IntegrationDto[]>('/admin/integrations', { signal });
  return data;
}

export default function IntegrationsPage() {
  const queryClient = useQueryClient();
  const list = queryState(
    useQuery({ queryKey: adminKeys.integrations(), queryFn: ({ signal }) => listIntegrations(signal) }),
  );
  const ability = useAbility();
  const { me } = useSession();
  const canUpdate = ability.can('update', 'Integration');

  return (
    <Flex vertical gap={16} style={{ maxWidth: 860 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        Intégrations
      </Typography.Title>
      <ListBody list={list} errorTitle="Impossible de charger les intégrations">
        {list.data ? (
          <Flex vertical gap={16}>
            {me.demoMode && (
              <Alert
                type="warning"
                showIcon
                title="Mode démo : l'enrichissement utilise des données de démonstration générées à partir du SIREN, sans appel à Pappers, que la clé soit renseignée ou non."
              />
            )}
            {list.data.map((i) => (
              <IntegrationCard
                key={i.key}
                integration={i}
                canUpdate={canUpdate}
                onChanged={(updated) =>
                  queryClient.setQueryData<IntegrationDto[]>(adminKeys.integrations(), (items) =>
                    items?.map((x) => (x.key === updated.key ? updated : x)),
                  )
                }
              />
            ))}
            <Card size="small" title="Coface (scoring de solvabilité)">
              <Typography.Paragraph style={{ margin: 0 }}>
                Aucun connecteur Coface n'est disponible : le score de solvabilité d'un contact (0 à 100) se saisit à la
                main sur sa fiche, avec sa date et son auteur.
              </Typography.Paragraph>
            </Card>
          </Flex>
        ) : (
          <Spin description="Chargement…" style={{ display: 'block', padding: 48 }} />
        )}
      </ListBody>
    </Flex>
  );
}

function IntegrationCard({
  integration: i,
  canUpdate,
  onChanged,
}: {
  integration: IntegrationDto;
  canUpdate: boolean;
  onChanged: (i: IntegrationDto) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ apiKey: string }>();
  const [pending, setPending] = useState(false);
  const [editing, setEditing] = useState(false);

  const save = async ({ apiKey }: { apiKey: string }) => {
    const parsed = pappersKeySchema.safeParse({ apiKey: apiKey ?? '' });
    if (!parsed.success) return form.setFields([{ name: 'apiKey', errors: [parsed.error.issues[0]!.message] }]);
    setPending(true);
    try {
      const { data } = await api.put<IntegrationDto>(`/admin/integrations/${i.key}`, parsed.data);
      message.success(`Clé ${i.label} enregistrée`);
      form.resetFields();
      setEditing(false);
      onChanged(data);
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields.length) form.setFields(fields.map((f) => ({ name: 'apiKey', errors: f.errors })));
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  const remove = async () => {
    setPending(true);
    try {
      const { data } = await api.delete<IntegrationDto>(`/admin/integrations/${i.key}`);
      message.success(`Clé ${i.label} supprimée`);
      onChanged(data);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <ApiOutlined /> {i.label}
          {i.configured ? <Tag color="green">Configurée</Tag> : <Tag>Non configurée</Tag>}
        </Flex>
      }
      data-testid={`integration-${i.key}`}
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{i.description}</Typography.Paragraph>
        {i.configured ? (
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'key', label: 'Clé API', children: <Typography.Text code>••••••••{i.last4}</Typography.Text> },
              {
                key: 'updated',
                label: 'Modifiée',
                children: `${formatDateTime(i.updatedAt)}${i.updatedBy ? ` par ${i.updatedBy}` : ''}`,
              },
            ]}
          />
        ) : (
          <Alert
            type="info"
            showIcon
            title="Renseignez la clé API de votre compte Pappers (Mon compte → API) pour activer l'enrichissement."
          />
        )}
        {canUpdate &&
          (editing || !i.configured ? (
            <Form form={form} layout="inline" onFinish={save} disabled={pending}>
              <Form.Item
                name="apiKey"
                label={i.configured ? 'Nouvelle clé' : 'Clé API'}
                required
                style={{ flex: 1, minWidth: 280 }}
              >
                <Input.Password
                  autoComplete="off"
                  placeholder="Collez la clé API"
                  data-testid={`integration-${i.key}-key`}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={pending}>
                Enregistrer
              </Button>
              {i.configured && (
                <Button onClick={() => setEditing(false)} disabled={pending} style={{ marginInlineStart: 8 }}>
                  Annuler
                </Button>
              )}
            </Form>
          ) : (
            <Flex gap={8}>
              <Button onClick={() => setEditing(true)}>Remplacer la clé</Button>
              <Popconfirm
                title={`Supprimer la clé ${i.label} ?`}
                description="L'enrichissement ne fonctionnera plus tant qu'une clé n'est pas renseignée."
                okText="Supprimer"
                cancelText="Annuler"
                okButtonProps={{ danger: true }}
                onConfirm={remove}
              >
                <Button danger loading={pending}>
                  Supprimer la clé
                </Button>
              </Popconfirm>
            </Flex>
          ))}
      </Flex>
    </Card>
  );
}
