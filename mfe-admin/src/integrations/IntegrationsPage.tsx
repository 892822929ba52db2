/**
 * Administration → Intégrations: the connector registry, grouped by category. Each connector shows
 * its status (connecté / à connecter / erreur), its last sync, and — for administrators — configure
 * (a form built from its settings: secrets are password inputs, never prefilled; the server keeps
 * them encrypted and answers only their last 4 characters), test, disconnect and its sync log.
 * OAuth 2.0 connectors get « Connecter avec … » once their client id and secret are saved: the API
 * answers the provider's URL, the browser goes there and comes back to this page with
 * `?oauth=ok|error`, read once on load (a message) and removed from the URL.
 */
import { useEffect, useRef } from 'react';
import { Alert, App, Card, Flex, Spin, Typography } from 'antd';
import { api, ListBody, queryState, useAbility, useSession } from '@digiweb/shared-ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { adminKeys } from '../keys';
import { CONNECTOR_CATEGORIES, type ConnectorCategory, type IntegrationDto } from '@digiweb/api/contracts';
import { OAUTH_ERRORS } from './display';
import { ConnectorCard } from './ConnectorCard';

async function listIntegrations(signal: AbortSignal): Promise<IntegrationDto[]> {
  const { data } = await api.get<IntegrationDto[]>('/admin/integrations', { signal });
  return data;
}

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
