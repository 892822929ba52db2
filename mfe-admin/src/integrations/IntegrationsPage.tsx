/**
 * Administration → Intégrations: the connector registry, grouped by category. Each connector shows
 * its status (connecté / à connecter / erreur), its last sync, and — for administrators — configure
 * (a form built from its settings: secrets are password inputs, never prefilled; the server keeps
 * them encrypted and answers only their last 4 characters), test, disconnect and its sync log.
 * OAuth 2.0 connectors get « Connecter avec … » once their client id and secret are saved: the API
 * answers the provider's URL, the browser goes there and comes back to this page with
 * `?oauth=ok|error`, read once on load (a message) and removed from the URL.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ApiOutlined } from '@ant-design/icons';
import {
  api,
  errorMessage,
  fieldErrors,
  formatDateTime,
  ListBody,
  queryState,
  useAbility,
  useSession,
} from '@digiweb/shared-ui';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminKeys } from '../keys';
import {
  CONNECTOR_AUTH_LABELS,
  CONNECTOR_CATEGORIES,
  type ConnectorCategory,
  type ConnectorKey,
  type ConnectorLogDto,
  type ConnectorStatus,
  type ConnectorTestResult,
  type IntegrationDto,
  type Paginated,
} from '@digiweb/api/contracts';

async function listIntegrations(signal: AbortSignal): Promise<IntegrationDto[]> {
  const { data } = await api.get<IntegrationDto[]>('/admin/integrations', { signal });
  return data;
}

const STATUS: Record<ConnectorStatus, { label: string; color: string }> = {
  connected: { label: 'Connecté', color: 'green' },
  not_connected: { label: 'À connecter', color: 'default' },
  error: { label: 'Erreur', color: 'red' },
};

/** Who the admin signs in with, for « Connecter avec … ». */
const OAUTH_PROVIDERS: Partial<Record<ConnectorKey, string>> = {
  ga4: 'Google',
  google_business: 'Google',
  meta: 'Facebook',
  linkedin: 'LinkedIn',
  x: 'X',
};
const providerOf = (i: IntegrationDto) => OAUTH_PROVIDERS[i.key] ?? i.label;

/** Why an authorization failed (`raison` of the API's redirect), for the admin. */
const OAUTH_ERRORS: Record<string, string> = {
  etat_manquant: "Le retour d'autorisation n'a pas pu être vérifié : recommencez depuis cette page.",
  etat_inconnu: "Le retour d'autorisation est inconnu ou a déjà servi : recommencez depuis cette page.",
  etat_expire: "L'autorisation a pris plus de 10 minutes : recommencez.",
  refus: "L'autorisation n'a pas été accordée chez le fournisseur.",
  code_manquant: "Le fournisseur n'a pas renvoyé de code d'autorisation : recommencez.",
  echange_refuse:
    "Le fournisseur a refusé l'échange du code : vérifiez l'identifiant et le secret client, puis recommencez.",
  service_injoignable: 'Le fournisseur ne répond pas : réessayez dans quelques minutes.',
  client_manquant: "Enregistrez d'abord l'identifiant et le secret client OAuth.",
};

/** Reads `?oauth=ok|error` once, says it, and removes it from the URL. */
function useOAuthReturn(items: IntegrationDto[] | undefined) {
  const { message } = App.useApp();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !items) return;
    done.current = true;
    const url = new URL(window.location.href);
    const result = url.searchParams.get('oauth');
    if (!result) return;
    const label = items.find((i) => i.key === url.searchParams.get('connecteur'))?.label;
    if (result === 'ok') message.success(`${label ?? 'Le connecteur'} est autorisé : la connexion est établie.`);
    else {
      const reason = OAUTH_ERRORS[url.searchParams.get('raison') ?? ''] ?? "L'autorisation a échoué : recommencez.";
      message.error(label ? `${label} : ${reason}` : reason);
    }
    for (const name of ['oauth', 'raison', 'connecteur']) url.searchParams.delete(name);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }, [items, message]);
}

export default function IntegrationsPage() {
  const query = useQuery({ queryKey: adminKeys.integrations(), queryFn: ({ signal }) => listIntegrations(signal) });
  const list = queryState(query);
  const queryClient = useQueryClient();
  const ability = useAbility();
  const { me } = useSession();
  const canUpdate = ability.can('update', 'Integration');
  const replace = (updated: IntegrationDto) => {
    queryClient.setQueryData<IntegrationDto[]>(adminKeys.integrations(), (items) =>
      items?.map((x) => (x.key === updated.key ? updated : x)),
    );
    // Its sync log has a new line (the test, the configuration).
    void queryClient.invalidateQueries({ queryKey: adminKeys.integrationLogs(updated.key) });
  };
  const categories = Object.keys(CONNECTOR_CATEGORIES) as ConnectorCategory[];
  useOAuthReturn(list.data);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        Intégrations
      </Typography.Title>
      <ListBody list={list} errorTitle="Impossible de charger les intégrations">
        {list.data ? (
          <Flex vertical gap={24}>
            {me.demoMode && (
              <Alert
                type="warning"
                showIcon
                title="Mode démo : l'enrichissement utilise des données de démonstration générées à partir du SIREN, sans appel à Pappers, que la clé soit renseignée ou non."
              />
            )}
            {categories.map((category) => {
              const items = list.data!.filter((i) => i.category === category);
              if (!items.length) return null;
              return (
                <Flex vertical gap={12} key={category} data-testid={`integrations-${category}`}>
                  <Typography.Title level={4} style={{ margin: 0 }}>
                    {CONNECTOR_CATEGORIES[category]}
                  </Typography.Title>
                  {items.map((i) => (
                    <ConnectorCard key={i.key} integration={i} canUpdate={canUpdate} onChanged={replace} />
                  ))}
                </Flex>
              );
            })}
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

function ConnectorCard({
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
          {!i.available && <Tag color="gold">Bientôt disponible</Tag>}
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

function ConfigureModal({
  integration: i,
  onClose,
  onSaved,
}: {
  integration: IntegrationDto;
  onClose: () => void;
  onSaved: (i: IntegrationDto) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string>>();
  const [pending, setPending] = useState(false);
  // Plain settings are prefilled; secrets never are (an empty secret keeps the stored one).
  const initial = Object.fromEntries(i.fields.filter((f) => !f.secret).map((f) => [f.name, f.value ?? '']));

  const save = async (values: Record<string, string | undefined>) => {
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
    setPending(true);
    try {
      const { data } = await api.put<IntegrationDto>(`/admin/integrations/${i.key}`, body);
      message.success(`Réglages ${i.label} enregistrés`);
      onSaved(data);
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      open
      title={`Configurer ${i.label}`}
      okText="Enregistrer"
      cancelText="Annuler"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      destroyOnHidden
    >
      {!i.available && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="Ce connecteur n'est pas encore branché : vous pouvez préparer ses réglages, rien ne sera synchronisé pour l'instant."
        />
      )}
      <Form form={form} layout="vertical" onFinish={save} initialValues={initial} disabled={pending}>
        {i.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            required={f.required && !f.configured}
            extra={
              f.secret && f.configured
                ? `Renseigné (••••${f.last4})${f.fromEnv ? ' par la variable d’environnement' : ''} : laissez vide pour le garder.`
                : f.help
            }
          >
            {f.secret ? (
              <Input.Password
                autoComplete="new-password"
                placeholder={f.configured ? 'Nouvelle valeur' : (f.placeholder ?? 'Collez la valeur')}
                data-testid={`integration-${i.key}-${f.name}`}
              />
            ) : (
              <Input autoComplete="off" placeholder={f.placeholder} data-testid={`integration-${i.key}-${f.name}`} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function SyncLog({ connector }: { connector: IntegrationDto['key'] }) {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: [...adminKeys.integrationLogs(connector), paging.page, paging.pageSize],
    queryFn: async ({ signal }) => {
      const { data } = await api.get<Paginated<ConnectorLogDto>>(`/admin/integrations/${connector}/logs`, {
        params: paging,
        signal,
      });
      return data;
    },
    placeholderData: keepPreviousData,
  });
  const logs = queryState(query);
  return (
    <ListBody list={logs} errorTitle="Impossible de charger le journal">
      <Table<ConnectorLogDto>
        rowKey="id"
        size="small"
        data-testid={`integration-${connector}-logs`}
        loading={logs.loading}
        dataSource={logs.data?.items ?? []}
        locale={{ emptyText: 'Aucun appel enregistré pour ce connecteur.' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: logs.data?.total ?? 0,
          onChange: (page, pageSize) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }),
        }}
        columns={[
          { key: 'at', title: 'Date', width: 140, render: (_, l) => formatDateTime(l.at) },
          { key: 'operation', title: 'Opération', render: (_, l) => l.operation },
          {
            key: 'result',
            title: 'Résultat',
            width: 90,
            render: (_, l) => <Tag color={l.ok ? 'green' : 'red'}>{l.ok ? 'OK' : 'Erreur'}</Tag>,
          },
          { key: 'status', title: 'HTTP', width: 60, render: (_, l) => l.status ?? '—' },
          { key: 'duration', title: 'Durée', width: 80, render: (_, l) => `${l.durationMs} ms` },
          { key: 'message', title: 'Message', render: (_, l) => l.message },
        ]}
      />
    </ListBody>
  );
}
