/** How the connectors read in French: status tags, OAuth providers' names, OAuth errors. */
import { type ConnectorKey, type ConnectorStatus, type IntegrationDto } from '@digiweb/api/contracts';

export const STATUS: Record<ConnectorStatus, { label: string; color: string }> = {
  connected: { label: 'Connecté', color: 'green' },
  not_connected: { label: 'À connecter', color: 'default' },
  error: { label: 'Erreur', color: 'red' },
};

/** Who the admin signs in with, for « Connecter avec … ». */
export const OAUTH_PROVIDERS: Partial<Record<ConnectorKey, string>> = {
  ga4: 'Google',
  google_business: 'Google',
  meta: 'Facebook',
  linkedin: 'LinkedIn',
  x: 'X',
};
export const providerOf = (i: IntegrationDto) => OAUTH_PROVIDERS[i.key] ?? i.label;

/** Why an authorization failed (`raison` of the API's redirect), for the admin. */
export const OAUTH_ERRORS: Record<string, string> = {
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
