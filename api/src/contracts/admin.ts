/** Administration: the audit log and the outbox of messages demo mode records instead of sending. */

/**
 * French label of every audit action, in the order of the filter. Same keys as the API's AUDIT_ACTIONS
 * (api/src/audit/audit.ts): the API does not compile while an action has no label.
 */
export const AUDIT_ACTION_LABELS = {
  'auth.login': 'Connexion',
  'auth.login_failed': 'Échec de connexion',
  'auth.logout': 'Déconnexion',
  'auth.google_refused': 'Connexion Google refusée',
  'auth.password_change': 'Changement de mot de passe',
  'contact.delete': 'Suppression de contact',
  'contact.restore': 'Restauration de contact',
  'contact.assign': 'Assignation de contact',
  'contact.export': 'Export de contacts',
  'contact.import': 'Import de contacts (CSV)',
  'contact.import_undo': 'Annulation d’un import de contacts',
  'contact.rgpd_export': 'Export RGPD d’un contact',
  'contact.erase': 'Effacement RGPD d’un contact',
  'contact.bulk': 'Action groupée sur des contacts',
  'contact.bulk_undo': 'Annulation d’une action groupée',
  'contact.enrich': 'Enrichissement Pappers d’un contact',
  'contact.company_link_approve': 'Rattachement à une entreprise validé',
  'contact.company_link_refuse': 'Rattachement à une entreprise refusé',
  'deal.delete': 'Suppression de deal',
  'deal.restore': 'Restauration de deal',
  'deal.owner_change': 'Changement de propriétaire de deal',
  'deal.export': 'Export de deals',
  'activity.delete': 'Suppression d’activité',
  'activity.restore': 'Restauration d’activité',
  'activity.owner_change': 'Changement de propriétaire d’activité',
  'activity.export': 'Export d’activités',
  'aircall.call_ignored': 'Appel Aircall non rattaché',
  'company.export': 'Export d’entreprises',
  'user.role_change': 'Changement de rôle',
  'user.status_change': 'Changement de statut',
  'user.update': 'Modification de membre',
  'remote.deploy': 'Déploiement de module',
  'remote.rollback': 'Retour à une version précédente',
  'integration.update': 'Modification d’une intégration',
  'security.update': 'Modification des paramètres de sécurité',
  'file.upload': 'Envoi de fichier',
  'file.delete': 'Suppression de fichier',
  'job.retry': 'Relance d’une tâche de fond',
} as const;
export type AuditActionName = keyof typeof AUDIT_ACTION_LABELS;

export interface AuditEntryDto {
  id: string;
  at: string;
  action: AuditActionName;
  actorEmail?: string;
  subject?: string;
  subjectId?: string;
  ip?: string;
  details?: Record<string, unknown>;
}

export type OutboxChannel = 'email' | 'sms' | 'social';

export interface OutboxMessageDto {
  id: string;
  channel: OutboxChannel;
  provider: string;
  to: string[];
  subject?: string;
  body?: string;
  createdAt: string;
}
