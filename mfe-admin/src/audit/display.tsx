/** How the audit log reads in French: action tags, the object of an entry and its details. */
import type { MouseEvent } from 'react';
import { Tag, Typography } from 'antd';
import { navigateTo } from '@digiweb/shared-ui';
import { AUDIT_ACTION_LABELS, ROLE_LABELS, type AuditActionName, type AuditEntryDto } from '@digiweb/api/contracts';

/** Actions in the order of the filter. */
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditActionName[];

/** Tag colours; an action without one shows a grey tag. */
const ACTION_COLORS: Partial<Record<AuditActionName, string>> = {
  'auth.login': 'green',
  'auth.login_failed': 'red',
  'auth.logout': 'default',
  'auth.google_refused': 'volcano',
  'contact.delete': 'red',
  'contact.restore': 'cyan',
  'contact.assign': 'blue',
  'contact.export': 'purple',
  'contact.rgpd_export': 'purple',
  'contact.erase': 'magenta',
  'contact.bulk': 'geekblue',
  'contact.bulk_undo': 'cyan',
  'contact.enrich': 'purple',
  'contact.company_link_approve': 'green',
  'contact.company_link_refuse': 'volcano',
  'deal.delete': 'red',
  'deal.restore': 'cyan',
  'deal.owner_change': 'blue',
  'activity.delete': 'red',
  'activity.restore': 'cyan',
  'activity.owner_change': 'blue',
  'user.role_change': 'gold',
  'user.status_change': 'orange',
  'user.update': 'blue',
  'remote.deploy': 'geekblue',
  'remote.rollback': 'orange',
  'integration.update': 'gold',
  'security.update': 'gold',
};

export function ActionTag({ action }: { action: AuditActionName }) {
  return <Tag color={ACTION_COLORS[action] ?? 'default'}>{AUDIT_ACTION_LABELS[action] ?? action}</Tag>;
}

/** `map[key]` for a key the map really has (never an inherited `toString`). */
const own = (map: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(map, key) ? map[key] : undefined;

const SUBJECT_LABELS: Record<string, string> = {
  Contact: 'Contact',
  User: 'Membre',
  Remote: 'Module',
  Company: 'Entreprise',
  Deal: 'Deal',
  Activity: 'Activité',
  Integration: 'Intégration',
  SecuritySetting: 'Sécurité',
};
const STATUS_LABELS: Record<string, string> = { active: 'Actif', inactive: 'Inactif' };
const DETAIL_KEYS: Record<string, string> = {
  method: 'Méthode',
  reason: 'Motif',
  name: 'Contact',
  version: 'Version',
  setting: 'Paramètre',
};
const DETAIL_VALUES: Record<string, Record<string, string>> = {
  method: { password: 'mot de passe', demo: 'compte de démonstration', google: 'Google' },
  setting: { idleMinutes: "durée d'inactivité (minutes)" },
  reason: {
    domaine: 'domaine non autorisé',
    inconnu: 'compte inconnu',
    inactif: 'compte désactivé',
    email: 'e-mail non vérifié',
    erreur: 'erreur de connexion',
  },
};

/** A database id is unreadable: its last characters are enough to tell two apart. */
const shortId = (id: string) => (/^[a-f\d]{24}$/i.test(id) ? `n° …${id.slice(-6)}` : id);

/** Names of members by id, to show people rather than identifiers. */
export type MemberNames = ReadonlyMap<string, string>;

/** A value of the details in French: a role or status label, a member's name, or the value itself. */
function valueLabel(value: unknown, names: MemberNames, nobody: string): string {
  if (value === null || value === undefined || value === '') return nobody;
  if (typeof value === 'string') {
    return own(ROLE_LABELS, value) ?? own(STATUS_LABELS, value) ?? names.get(value) ?? shortId(value);
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The details of an entry as one readable line: "de Équipe Vente → Équipe Account Management",
 * "de Non assigné → Sarah Benali", "Méthode : compte de démonstration".
 */
export function describeDetails(entry: AuditEntryDto, names: MemberNames): string | undefined {
  const details = entry.details ?? {};
  const nobody = entry.action === 'contact.assign' ? 'Non assigné' : '—';
  const parts: string[] = [];
  if ('from' in details || 'to' in details) {
    parts.push(`de ${valueLabel(details.from, names, nobody)} → ${valueLabel(details.to, names, nobody)}`);
  }
  for (const [key, value] of Object.entries(details)) {
    if (key === 'from' || key === 'to') continue;
    const label = (typeof value === 'string' && DETAIL_VALUES[key] && own(DETAIL_VALUES[key], value)) || undefined;
    parts.push(`${own(DETAIL_KEYS, key) ?? key} : ${label ?? valueLabel(value, names, '—')}`);
  }
  return parts.length ? parts.join(' · ') : undefined;
}

function openContact(e: MouseEvent<HTMLElement>, href: string) {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigateTo(href);
}

/** What the entry is about: "Membre" and his name, "Module" and its name, "Contact" and a link to it. */
export function EntrySubject({ entry, names }: { entry: AuditEntryDto; names: MemberNames }) {
  if (!entry.subject) return <>—</>;
  const { subject, subjectId } = entry;
  let detail = null;
  if (subjectId && subject === 'Contact') {
    const href = `/crm/contacts?contact=${encodeURIComponent(subjectId)}`;
    detail = (
      <Typography.Link href={href} onClick={(e) => openContact(e, href)}>
        Ouvrir la fiche
      </Typography.Link>
    );
  } else if (subjectId) {
    detail = <Typography.Text type="secondary">{names.get(subjectId) ?? shortId(subjectId)}</Typography.Text>;
  }
  return (
    <div>
      <div>{own(SUBJECT_LABELS, subject) ?? subject}</div>
      {detail && <div style={{ fontSize: 12 }}>{detail}</div>}
    </div>
  );
}

/** "127.0.0.1" rather than the IPv4-mapped "::ffff:127.0.0.1". */
export const formatIp = (ip: string | undefined) => (ip ? ip.replace(/^::ffff:/, '') : '—');
