/** Small presentational pieces of the companies screen. */
import { Typography } from 'antd';
import { formatCount, formatEuros, formatNumber } from '@digiweb/shared-ui';
import { CONTACT_STATUSES, CONTACT_STATUS_LABELS, type CompanyDto, type ContactStatus } from '@digiweb/api/contracts';

export { StatusTag } from '../contacts/display';

/** Colours of the statuses on the map: the same hues as the status tags (antd gold, blue, green). */
export const STATUS_HEX: Record<ContactStatus, string> = {
  lead: '#faad14',
  prospect: '#1677ff',
  client: '#52c41a',
};

/** Clients drawn last, on top of prospects and leads. */
export const STATUS_ORDER: ContactStatus[] = [...CONTACT_STATUSES];

export const STATUS_OPTIONS = CONTACT_STATUSES.map((s) => ({ value: s, label: CONTACT_STATUS_LABELS[s] }));

export const formatHeadcount = (n: number | undefined) =>
  n === undefined ? '—' : `${formatNumber(n)} salarié${n > 1 ? 's' : ''}`;
export const formatRevenue = (v: number | undefined) => (v === undefined ? '—' : formatEuros(v));

export function formatPlace(c: Pick<CompanyDto, 'city' | 'postalCode'>): string {
  if (c.city && c.postalCode) return `${c.city} (${c.postalCode})`;
  return c.city ?? c.postalCode ?? '—';
}

/** "3 contacts · 1 deal" */
export function LinkedCounts({ company }: { company: Pick<CompanyDto, 'contactCount' | 'dealCount'> }) {
  return (
    <Typography.Text type="secondary">
      {formatCount(company.contactCount, 'contact')} · {formatCount(company.dealCount, 'deal')}
    </Typography.Text>
  );
}
