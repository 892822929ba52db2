/** Roles, modules and the remotes that serve them. Shared by the API and every front end. */

export const ROLES = ['admin', 'sales', 'marketing', 'account_manager'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  sales: 'Équipe Vente',
  marketing: 'Équipe Marketing',
  account_manager: 'Équipe Account Management',
};

export const MODULES = ['crm', 'sales', 'marketing', 'service', 'personal', 'admin'] as const;
export type ModuleKey = (typeof MODULES)[number];

export interface ModuleInfo {
  key: ModuleKey;
  /** Module Federation remote that serves the module. */
  remote: RemoteName;
  /** URL prefix the remote is mounted on by the shell. */
  prefix: string;
  label: string;
}

export const REMOTE_NAMES = [
  'mfe-crm',
  'mfe-sales',
  'mfe-marketing',
  'mfe-service',
  'mfe-personal-space',
  'mfe-admin',
] as const;
export type RemoteName = (typeof REMOTE_NAMES)[number];

export const MODULE_INFO: Record<ModuleKey, ModuleInfo> = {
  crm: { key: 'crm', remote: 'mfe-crm', prefix: '/crm', label: 'CRM' },
  sales: { key: 'sales', remote: 'mfe-sales', prefix: '/ventes', label: 'Ventes' },
  marketing: { key: 'marketing', remote: 'mfe-marketing', prefix: '/marketing', label: 'Marketing' },
  service: { key: 'service', remote: 'mfe-service', prefix: '/service', label: 'Service' },
  personal: {
    key: 'personal',
    remote: 'mfe-personal-space',
    prefix: '/mon-espace',
    label: 'Espace personnel',
  },
  admin: { key: 'admin', remote: 'mfe-admin', prefix: '/admin', label: 'Administration' },
};

export function moduleOfRemote(remote: string): ModuleKey | undefined {
  return MODULES.find((m) => MODULE_INFO[m].remote === remote);
}

/** Where each role lands after login. */
export const ROLE_HOME: Record<Role, string> = {
  admin: '/admin',
  sales: '/mon-espace',
  marketing: '/marketing',
  account_manager: '/service',
};

export const COMPANIES = ['digiflow', 'behype'] as const;
export type CompanyKey = (typeof COMPANIES)[number];
export const COMPANY_LABELS: Record<CompanyKey, string> = {
  digiflow: 'Digiflow Agency',
  behype: 'Be Hype',
};
export const COMPANY_DOMAINS: Record<CompanyKey, string> = {
  digiflow: 'digiflow-agency.fr',
  behype: 'be-hype.com',
};

/** Module Federation container name of a remote (identifiers cannot hold dashes). */
export function federationName(remote: RemoteName): string {
  return remote.replace(/-/g, '_');
}

/** Sub-navigation of each module, shown in the shell's sidebar and routed by the remote. */
export interface ModuleSection {
  path: string;
  label: string;
  /** Shown greyed out: not available yet (spec: Automatisation). */
  disabled?: boolean;
  /** Only in demo mode (the outbox of messages demo mode does not send). */
  demoOnly?: boolean;
}

export const MODULE_SECTIONS: Record<ModuleKey, ModuleSection[]> = {
  crm: [
    { path: '/crm/contacts', label: 'Contacts' },
    { path: '/crm/entreprises', label: 'Entreprises' },
    { path: '/crm/deals', label: 'Deals' },
    { path: '/crm/activites', label: 'Activités' },
  ],
  sales: [
    { path: '/ventes/pipeline', label: 'Pipeline' },
    { path: '/ventes/devis', label: 'Devis' },
    { path: '/ventes/factures', label: 'Facturation' },
    { path: '/ventes/suivi', label: 'Suivi commercial' },
  ],
  marketing: [
    { path: '/marketing/campagnes', label: 'Campagnes' },
    { path: '/marketing/email', label: 'Email' },
    { path: '/marketing/reseaux-sociaux', label: 'Réseaux sociaux' },
    { path: '/marketing/analytics', label: 'Analytics' },
  ],
  service: [
    { path: '/service/tickets', label: 'Tickets' },
    { path: '/service/satisfaction', label: 'Satisfaction' },
  ],
  personal: [
    { path: '/mon-espace', label: 'Mon dashboard' },
    { path: '/mon-espace/formations', label: 'Formations' },
    { path: '/mon-espace/statistiques', label: 'Mes statistiques' },
    { path: '/mon-espace/clients', label: 'Mes clients actifs' },
  ],
  admin: [
    { path: '/admin', label: "Vue d'ensemble" },
    { path: '/admin/equipe', label: 'Équipe' },
    { path: '/admin/permissions', label: 'Permissions' },
    { path: '/admin/integrations', label: 'Intégrations' },
    { path: '/admin/securite', label: 'Sécurité' },
    { path: '/admin/taches', label: 'Tâches de fond' },
    { path: '/admin/formations', label: 'Formations' },
    { path: '/admin/rapports', label: 'Rapports' },
    { path: '/admin/suivi-client', label: 'Suivi client analytics' },
    { path: '/admin/journal', label: "Journal d'audit" },
    { path: '/admin/boite-envoi', label: "Boîte d'envoi (démo)", demoOnly: true },
    { path: '/admin/automatisation', label: 'Automatisation', disabled: true },
  ],
};
