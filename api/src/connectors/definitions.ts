/**
 * The connectors of the ERP. Pappers and Aircall work; the others are declared with their documented
 * authentication so that administrators see what is coming and can prepare their settings — their
 * syncs are not written yet (`available: false`, "à connecter").
 */
import { z } from 'zod';
import { apiKeyValueSchema, secretValueSchema } from '../contracts/index.js';
import { ConnectorHttpError } from './http.js';
import { ConnectorTestError, defineConnector, type ConnectorField } from './registry.js';

/** Pappers API v2 (company data by SIREN). */
const PAPPERS_DEFAULT_BASE_URL = 'https://api.pappers.fr/v2';

const apiKey = (label = 'Clé API', help?: string): ConnectorField => ({
  label,
  secret: true,
  schema: apiKeyValueSchema,
  help,
});
const secret = (label: string, help?: string, required = true): ConnectorField => ({
  label,
  secret: true,
  required,
  schema: secretValueSchema,
  help,
});
const text = (label: string, help?: string, required = true): ConnectorField => ({
  label,
  required,
  help,
  schema: z
    .string({ message: 'Valeur attendue.' })
    .trim()
    .min(1, { message: 'Valeur attendue.' })
    .max(200, { message: '200 caractères au plus.' })
    .regex(/^[^<>"'\s]+$/, { message: 'Sans espace ni caractère spécial.' }),
});
const oauthClient = (console: string) => ({
  clientId: text('Identifiant client OAuth (client ID)', `Créé dans ${console}.`),
  clientSecret: secret('Secret client OAuth (client secret)', `Créé dans ${console}.`),
});
const GOOGLE_OAUTH = {
  authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  // A refresh token is only given with offline access, and again on a new consent.
  authorizeParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
  clientAuth: 'client_secret_post' as const,
  pkce: true,
};

const upstreamFailure = (label: string, status: number): ConnectorTestError =>
  new ConnectorTestError(
    status === 401 || status === 403
      ? `${label} refuse la clé : vérifiez-la et enregistrez-la à nouveau.`
      : status === 429
        ? `${label} limite les requêtes pour le moment : réessayez dans quelques minutes.`
        : `${label} répond par une erreur ${status} : réessayez plus tard.`,
  );

export const pappersConnector = defineConnector({
  key: 'pappers',
  category: 'company_data',
  label: 'Pappers',
  description:
    "Données légales et financières des entreprises françaises (API v2) : le bouton « Enrichir (Pappers) » d'une fiche contact complète l'activité (NAF), l'effectif, le chiffre d'affaires, la forme juridique et les dirigeants à partir du SIRET. Chaque enrichissement consomme un crédit de votre compte Pappers.",
  docsUrl: 'https://www.pappers.fr/api/documentation',
  auth: { kind: 'api_key', how: 'Paramètre api_token de chaque requête (Mon compte → API sur pappers.fr).' },
  baseUrl: { env: 'PAPPERS_BASE_URL', default: PAPPERS_DEFAULT_BASE_URL },
  fields: { apiKey: apiKey('Clé API', 'Mon compte → API sur pappers.fr.') },
  syncs: ["Fiche entreprise par SIREN (enrichissement d'un contact, à la demande)"],
  available: true,
  async test(ctx) {
    // GET /suivi-jetons: the key's credit balance, free of charge.
    try {
      const res = await ctx.fetch({
        operation: 'Test de connexion (suivi des jetons)',
        path: '/suivi-jetons',
        query: { api_token: ctx.settings.apiKey ?? '' },
      });
      if (!res.ok) throw upstreamFailure('Pappers', res.status);
      const body = (() => {
        try {
          return res.json<Record<string, unknown>>();
        } catch {
          return {};
        }
      })();
      const left = body.jetons_abonnement_restants ?? body.jetons_restants;
      return typeof left === 'number'
        ? `Connexion réussie : clé acceptée, ${left} jeton${left > 1 ? 's' : ''} restant${left > 1 ? 's' : ''}.`
        : 'Connexion réussie : clé acceptée par Pappers.';
    } catch (err) {
      if (err instanceof ConnectorHttpError)
        throw new ConnectorTestError(
          err.kind === 'timeout' ? "Pappers n'a pas répondu à temps." : 'Pappers est injoignable pour le moment.',
        );
      throw err;
    }
  },
});

export const aircallConnector = defineConnector({
  key: 'aircall',
  category: 'telephony',
  label: 'Aircall',
  description:
    "Téléphonie : chaque appel terminé devient une activité « Appel » sur le contact dont le numéro correspond (webhook call.ended). Renseignez ici le jeton qu'Aircall affiche à la création du webhook.",
  docsUrl: 'https://developer.aircall.io/tutorials/webhook-setup-for-integration-builders/',
  auth: {
    kind: 'webhook_secret',
    how: 'Aircall place le jeton du webhook dans le champ token de chaque événement ; il est comparé en temps constant.',
  },
  fields: {
    webhookToken: secret('Jeton du webhook', 'Affiché par Aircall à la création du webhook (Intégrations → Webhooks).'),
  },
  syncs: ['Appels terminés → activités « Appel » (en temps réel, par webhook)'],
  available: true,
  fromEnv: (config) => ({ webhookToken: config.AIRCALL_WEBHOOK_TOKEN }),
  webhookPath: '/api/webhooks/aircall',
  test(ctx) {
    // Aircall signs nothing and offers no call to check a webhook token: we check it is set.
    if (!ctx.settings.webhookToken) throw new ConnectorTestError("Aucun jeton de webhook n'est renseigné.");
    return Promise.resolve(
      'Jeton renseigné : les événements Aircall qui le portent seront acceptés (Aircall ne propose pas de test en direct).',
    );
  },
});

defineConnector({
  key: 'yousign',
  category: 'signature',
  label: 'Yousign',
  description: 'Signature électronique des devis et contrats, suivi des signatures (API v3).',
  docsUrl: 'https://developers.yousign.com/docs/authentication',
  auth: { kind: 'api_key', how: 'En-tête Authorization: Bearer <clé API> ; webhooks signés en HMAC SHA-256.' },
  baseUrl: { env: 'YOUSIGN_BASE_URL', default: 'https://api.yousign.app/v3' },
  fields: {
    apiKey: apiKey('Clé API', 'Paramètres → API dans Yousign.'),
    webhookSecret: secret('Secret des webhooks', 'Sert à vérifier la signature X-Yousign-Signature-256.', false),
  },
  syncs: ['Envoi des devis à signer', 'Statut des signatures (webhooks)'],
  available: false,
});

defineConnector({
  key: 'stripe',
  category: 'payment',
  label: 'Stripe',
  description: 'Paiement en ligne des factures, encaissements et remboursements.',
  docsUrl: 'https://docs.stripe.com/api/authentication',
  auth: {
    kind: 'api_key',
    how: 'Clé secrète (sk_…) en Bearer ; webhooks signés (en-tête Stripe-Signature, secret whsec_…).',
  },
  baseUrl: { env: 'STRIPE_BASE_URL', default: 'https://api.stripe.com/v1' },
  fields: {
    secretKey: apiKey('Clé secrète (sk_…)', 'Développeurs → Clés API dans Stripe.'),
    webhookSecret: secret('Secret de signature des webhooks (whsec_…)', undefined, false),
  },
  syncs: ['Liens de paiement des factures', 'Paiements reçus (webhooks)'],
  available: false,
});

defineConnector({
  key: 'ga4',
  category: 'analytics',
  label: 'Google Analytics 4',
  description: 'Audience des sites des clients (Google Analytics Data API) pour les rapports et le suivi client.',
  docsUrl: 'https://developers.google.com/analytics/devguides/reporting/data/v1',
  auth: {
    kind: 'oauth2',
    how: 'OAuth 2.0 Google (code d’autorisation, accès hors ligne avec jeton de rafraîchissement).',
    ...GOOGLE_OAUTH,
    scopes: ['https://www.googleapis.com/auth/analytics.readonly'],
  },
  baseUrl: { env: 'GA4_BASE_URL', default: 'https://analyticsdata.googleapis.com/v1beta' },
  fields: {
    ...oauthClient('Google Cloud Console'),
    propertyId: text('Identifiant de propriété GA4', undefined, false),
  },
  syncs: ['Sessions, utilisateurs et conversions par propriété (quotidien)'],
  available: false,
});

defineConnector({
  key: 'haloscan',
  category: 'analytics',
  label: 'Haloscan',
  description: 'Référencement (SEO) : positions et mots-clés des sites des clients.',
  docsUrl: 'https://haloscan.com/api',
  auth: { kind: 'api_key', how: 'En-tête haloscan-api-key.' },
  baseUrl: { env: 'HALOSCAN_BASE_URL', default: 'https://api.haloscan.com/api' },
  fields: { apiKey: apiKey('Clé API', 'Mon compte → API dans Haloscan.') },
  syncs: ['Positions et mots-clés par domaine (hebdomadaire)'],
  available: false,
});

defineConnector({
  key: 'meta',
  category: 'social',
  label: 'Meta (Facebook, Instagram)',
  description: 'Publication et statistiques des pages Facebook et comptes Instagram des clients.',
  docsUrl: 'https://developers.facebook.com/docs/facebook-login/guides/access-tokens',
  auth: {
    kind: 'oauth2',
    how: 'Connexion Facebook (code d’autorisation OAuth 2.0) ; le jeton court est échangé contre un jeton longue durée, renouvelé avant expiration.',
    authorizeUrl: 'https://www.facebook.com/v21.0/dialog/oauth',
    tokenUrl: 'https://graph.facebook.com/v21.0/oauth/access_token',
    scopes: [
      'pages_show_list',
      'pages_read_engagement',
      'pages_manage_posts',
      'instagram_basic',
      'instagram_content_publish',
    ],
  },
  baseUrl: { env: 'META_BASE_URL', default: 'https://graph.facebook.com/v21.0' },
  fields: oauthClient('Meta for Developers (identifiant et clé secrète de l’app)'),
  syncs: ['Publications programmées', 'Statistiques des pages (quotidien)'],
  available: false,
});

defineConnector({
  key: 'linkedin',
  category: 'social',
  label: 'LinkedIn',
  description: 'Publication et statistiques des pages entreprise LinkedIn.',
  docsUrl: 'https://learn.microsoft.com/linkedin/shared/authentication/authorization-code-flow',
  auth: {
    kind: 'oauth2',
    how: 'OAuth 2.0 à 3 acteurs (code d’autorisation) avec jeton de rafraîchissement.',
    authorizeUrl: 'https://www.linkedin.com/oauth/v2/authorization',
    tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
    scopes: ['r_organization_social', 'w_organization_social', 'rw_organization_admin'],
  },
  baseUrl: { env: 'LINKEDIN_BASE_URL', default: 'https://api.linkedin.com/rest' },
  fields: oauthClient('LinkedIn Developers'),
  syncs: ['Publications programmées', 'Statistiques des pages entreprise (quotidien)'],
  available: false,
});

defineConnector({
  key: 'x',
  category: 'social',
  label: 'X (Twitter)',
  description: 'Publication de messages et statistiques du compte X.',
  docsUrl: 'https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code',
  auth: {
    kind: 'oauth2',
    how: 'OAuth 2.0 code d’autorisation avec PKCE ; portée offline.access pour le jeton de rafraîchissement.',
    authorizeUrl: 'https://x.com/i/oauth2/authorize',
    tokenUrl: 'https://api.x.com/2/oauth2/token',
    scopes: ['tweet.read', 'tweet.write', 'users.read', 'offline.access'],
    pkce: true,
    // A confidential client of X authenticates with HTTP Basic at the token endpoint.
    clientAuth: 'client_secret_basic',
  },
  baseUrl: { env: 'X_BASE_URL', default: 'https://api.x.com/2' },
  fields: oauthClient('le portail développeur X'),
  syncs: ['Publications programmées', 'Statistiques des publications'],
  available: false,
});

defineConnector({
  key: 'sendgrid',
  category: 'email',
  label: 'SendGrid',
  description: 'Envoi des e-mails du portail et des campagnes, suivi des ouvertures et rebonds.',
  docsUrl: 'https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/authentication',
  auth: { kind: 'api_key', how: 'En-tête Authorization: Bearer <clé API> ; Event Webhook signé (clé publique ECDSA).' },
  baseUrl: { env: 'SENDGRID_BASE_URL', default: 'https://api.sendgrid.com/v3' },
  fields: {
    apiKey: apiKey('Clé API', 'Settings → API Keys dans SendGrid.'),
    webhookVerificationKey: secret("Clé de vérification de l'Event Webhook", undefined, false),
  },
  syncs: ['Envoi des e-mails', 'Ouvertures, clics et rebonds (Event Webhook)'],
  available: false,
});

defineConnector({
  key: 'google_business',
  category: 'reviews',
  label: 'Google Business Profile',
  description: 'Avis Google des établissements des clients et réponses aux avis.',
  docsUrl: 'https://developers.google.com/my-business/content/review-data',
  auth: {
    kind: 'oauth2',
    how: 'OAuth 2.0 Google (code d’autorisation, accès hors ligne avec jeton de rafraîchissement).',
    ...GOOGLE_OAUTH,
    scopes: ['https://www.googleapis.com/auth/business.manage'],
  },
  baseUrl: { env: 'GOOGLE_BUSINESS_BASE_URL', default: 'https://mybusiness.googleapis.com/v4' },
  fields: oauthClient('Google Cloud Console'),
  syncs: ['Avis et notes par établissement (quotidien)', 'Réponses aux avis'],
  available: false,
});

defineConnector({
  key: 'trustpilot',
  category: 'reviews',
  label: 'Trustpilot',
  description: 'Avis Trustpilot des clients et invitations à laisser un avis.',
  docsUrl: 'https://developers.trustpilot.com/authentication',
  auth: {
    kind: 'api_key',
    how: 'Clé API (en-tête apikey) pour les données publiques ; clé et secret pour obtenir un jeton OAuth 2.0 des API privées.',
  },
  baseUrl: { env: 'TRUSTPILOT_BASE_URL', default: 'https://api.trustpilot.com/v1' },
  fields: {
    apiKey: apiKey('Clé API'),
    apiSecret: secret('Secret API', 'Pour les API privées (invitations, réponses).', false),
    businessUnitId: text("Identifiant de l'entreprise (business unit ID)", undefined, false),
  },
  syncs: ['Avis et note TrustScore (quotidien)', 'Invitations à laisser un avis'],
  available: false,
});
