/** One connector of the registry: status, settings, last sync, and the administrator's actions. */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Flex, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { ApiOutlined } from '@ant-design/icons';
import { api, errorMessage, formatDateTime } from '@digiweb/shared-ui';
import { CONNECTOR_AUTH_LABELS, type ConnectorTestResult, type IntegrationDto } from '@digiweb/api/contracts';
import { STATUS, providerOf } from './display';
import { ConfigureModal } from './ConfigureModal';
import { SyncLog } from './SyncLog';

export function ConnectorCard({
  integration: i,
  canUpdate,
  onChanged,
}: {
  integration: IntegrationDto;
  canUpdate: boolean;
  onChanged: (i: IntegrationDto) => void;
}) {
  const { message } = App.useApp();
  const [configuring, setConfiguring] = useState(false);
  const [showLogs, setShowLogs] = useState(false);
  const [pending, setPending] = useState<'test' | 'remove' | 'oauth' | null>(null);
  const status = STATUS[i.status];

  const test = async () => {
    setPending('test');
    try {
      const { data } = await api.post<ConnectorTestResult>(`/admin/integrations/${i.key}/test`, {});
      if (data.ok) message.success(data.message);
      else message.error(data.message);
      onChanged(data.integration);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(null);
    }
  };

  const remove = async () => {
    setPending('remove');
    try {
      const { data } = await api.delete<IntegrationDto>(`/admin/integrations/${i.key}`);
      message.success(`${i.label} déconnecté : ses réglages sont effacés.`);
      onChanged(data);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(null);
    }
  };

  const connect = async () => {
    setPending('oauth');
    try {
      const { data } = await api.get<{ url: string }>(`/admin/integrations/${i.key}/oauth/start`);
      window.location.assign(data.url);
    } catch (err) {
      message.error(errorMessage(err));
      setPending(null);
    }
  };

  const oauth = i.auth === 'oauth2';
  const hasSettings = i.fields.some((f) => f.configured && !f.fromEnv);
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <ApiOutlined /> {i.label}
          <Tag color={status.color} data-testid={`integration-${i.key}-status`}>
            {status.label}
          </Tag>
          <Tag>{CONNECTOR_AUTH_LABELS[i.auth]}</Tag>
          {!i.available && (
            <Tooltip title="Ce connecteur garde ses réglages et son autorisation ; il ne synchronise aucune donnée.">
              <Tag>Réglages uniquement</Tag>
            </Tooltip>
          )}
        </Flex>
      }
      data-testid={`integration-${i.key}`}
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{i.description}</Typography.Paragraph>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'syncs', label: 'Synchronise', children: i.syncs.join(' · ') },
            ...i.fields.map((f) => ({
              key: f.name,
              label: f.label,
              children: !f.configured ? (
                <Typography.Text type="secondary">Non renseigné{f.required ? '' : ' (facultatif)'}</Typography.Text>
              ) : f.secret ? (
                <Typography.Text code>
                  ••••••••{f.last4}
                  {f.fromEnv ? ' (variable d’environnement)' : ''}
                </Typography.Text>
              ) : (
                <Typography.Text>{f.value}</Typography.Text>
              ),
            })),
            ...(oauth
              ? [
                  {
                    key: 'oauth',
                    label: 'Autorisation',
                    children: (
                      <Flex vertical gap={2} data-testid={`integration-${i.key}-oauth`}>
                        {i.authorised ? (
                          <Typography.Text>
                            {i.expiresAt ? `Autorisé jusqu'au ${formatDateTime(i.expiresAt)}` : 'Autorisé'}
                            {i.refreshable && (
                              <Typography.Text type="secondary"> (renouvelé automatiquement)</Typography.Text>
                            )}
                          </Typography.Text>
                        ) : (
                          <Typography.Text type="secondary">Non autorisé</Typography.Text>
                        )}
                        {i.statusMessage && <Typography.Text type="danger">{i.statusMessage}</Typography.Text>}
                      </Flex>
                    ),
                  },
                ]
              : []),
            ...(i.webhookPath
              ? [
                  {
                    key: 'webhook',
                    label: 'Adresse du webhook',
                    children: <Typography.Text copyable>{`${window.location.origin}${i.webhookPath}`}</Typography.Text>,
                  },
                ]
              : []),
            {
              key: 'sync',
              label: 'Dernière synchronisation',
              children: i.lastSync ? (
                <Typography.Text type={i.lastSync.ok ? undefined : 'danger'}>
                  {formatDateTime(i.lastSync.at)} — {i.lastSync.operation} : {i.lastSync.message}
                </Typography.Text>
              ) : (
                '—'
              ),
            },
            ...(i.updatedAt
              ? [
                  {
                    key: 'updated',
                    label: 'Modifiée',
                    children: `${formatDateTime(i.updatedAt)}${i.updatedBy ? ` par ${i.updatedBy}` : ''}`,
                  },
                ]
              : []),
          ]}
        />
        <Flex gap={8} wrap>
          {canUpdate && (
            <Button type={i.configured ? 'default' : 'primary'} onClick={() => setConfiguring(true)}>
              Configurer
            </Button>
          )}
          {canUpdate && oauth && i.configured && (
            <Button
              type={i.authorised ? 'default' : 'primary'}
              onClick={connect}
              loading={pending === 'oauth'}
              disabled={pending !== null}
              data-testid={`integration-${i.key}-oauth-connect`}
            >
              Connecter avec {providerOf(i)}
            </Button>
          )}
          {canUpdate && i.testable && (
            <Button onClick={test} loading={pending === 'test'} disabled={!i.configured || pending !== null}>
              Tester la connexion
            </Button>
          )}
          <Button onClick={() => setShowLogs(true)}>Journal</Button>
          {canUpdate && hasSettings && (
            <Popconfirm
              title={`Déconnecter ${i.label} ?`}
              description={
                oauth
                  ? "Ses réglages, secrets et jetons d'autorisation seront effacés ; ce qu'il synchronise s'arrêtera."
                  : "Ses réglages et secrets seront effacés ; ce qu'il synchronise s'arrêtera."
              }
              okText="Déconnecter"
              cancelText="Annuler"
              okButtonProps={{ danger: true }}
              onConfirm={remove}
            >
              <Button danger loading={pending === 'remove'} disabled={pending !== null}>
                Déconnecter
              </Button>
            </Popconfirm>
          )}
          <Button type="link" href={i.docsUrl} target="_blank" rel="noreferrer">
            Documentation
          </Button>
        </Flex>
      </Flex>
      {configuring && (
        <ConfigureModal
          integration={i}
          onClose={() => setConfiguring(false)}
          onSaved={(updated) => {
            setConfiguring(false);
            onChanged(updated);
          }}
        />
      )}
      <Drawer
        title={`Journal — ${i.label}`}
        size="large"
        open={showLogs}
        onClose={() => setShowLogs(false)}
        destroyOnHidden
      >
        {showLogs && <SyncLog connector={i.key} />}
      </Drawer>
    </Card>
  );
}
