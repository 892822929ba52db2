import { Descriptions, Typography, type DescriptionsProps } from 'antd';
import { formatDate, formatEuros } from '@digiweb/shared-ui';
import type { ContactDto } from '@digiweb/api/contracts';
import { dash } from './display';

/** Company data from the registry (Pappers enrichment), when there is any. */
export function RegistryDetails({ contact }: { contact: ContactDto }) {
  const enrichment = contact.enrichment;
  if (!enrichment) {
    return contact.siret ? (
      <Typography.Text type="secondary">
        Aucune donnée Pappers pour le moment : utilisez « Enrichir (Pappers) » pour compléter la fiche à partir du
        SIRET.
      </Typography.Text>
    ) : null;
  }
  const items: DescriptionsProps['items'] = [
    {
      key: 'naf',
      label: 'Activité (NAF)',
      children: contact.nafCode ? `${contact.nafLabel ?? ''} (${contact.nafCode})` : '—',
    },
    { key: 'legalForm', label: 'Forme juridique', children: dash(contact.legalForm) },
    { key: 'headcount', label: 'Effectif', children: dash(contact.headcount) },
    {
      key: 'revenue',
      label: "Chiffre d'affaires",
      children:
        contact.revenue !== undefined
          ? `${formatEuros(contact.revenue)}${contact.revenueYear ? ` (${contact.revenueYear})` : ''}`
          : '—',
    },
    {
      key: 'directors',
      label: 'Dirigeants',
      children: contact.directors.length
        ? contact.directors.map((director) => (
            <div key={`${director.name}-${director.role}`}>{`${director.name} — ${director.role}`}</div>
          ))
        : '—',
    },
  ];
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={items}
      styles={{ label: { width: 170 } }}
      data-testid="contact-registry"
      title={
        <Typography.Text strong>
          Données entreprise{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            — {enrichment.demo ? 'source : démo (données générées, pas Pappers)' : 'source : Pappers'}, le{' '}
            {formatDate(enrichment.at)}
          </Typography.Text>
        </Typography.Text>
      }
    />
  );
}
