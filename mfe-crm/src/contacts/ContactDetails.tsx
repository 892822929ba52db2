/** The "Détails" tab of the contact drawer: the contact's fields, tags, solvency and registry data. */
import type { ReactNode } from 'react';
import { Descriptions, Flex, Typography, type DescriptionsProps } from 'antd';
import { formatDateTime, fullName } from '@digiweb/shared-ui';
import { formatPhone, type ContactDto } from '@digiweb/api/contracts';
import { CompanyLinkNotice } from './CompanyLinkNotice';
import { Assignee, QualityScore, StatusTag, dash, formatSiret } from './display';
import { RegistryDetails } from './RegistryDetails';
import { SolvencyEditor } from './SolvencyEditor';
import { TagsEditor } from './tags';
import { updateContact } from './api';
import { NotesEditor } from '../NotesEditor';

export function ContactDetails({
  contact,
  editable,
  canDecideLink,
  onSaved,
  assignSlot,
}: {
  contact: ContactDto;
  editable: boolean;
  canDecideLink: boolean;
  onSaved: (contact: ContactDto) => void;
  assignSlot?: ReactNode;
}) {
  const addressLines = [
    contact.address,
    [contact.postalCode, contact.city].filter(Boolean).join(' '),
    contact.country,
  ].filter(Boolean);
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: 'Nom', children: fullName(contact) },
    { key: 'jobTitle', label: 'Poste', children: dash(contact.jobTitle) },
    { key: 'status', label: 'Statut', children: <StatusTag status={contact.status} /> },
    {
      key: 'qualityScore',
      label: 'Score de qualité',
      children: <QualityScore score={contact.qualityScore} breakdown={contact.qualityBreakdown} />,
    },
    {
      key: 'email',
      label: 'E-mail',
      children: contact.email ? (
        <Typography.Link href={`mailto:${contact.email}`}>{contact.email}</Typography.Link>
      ) : (
        '—'
      ),
    },
    {
      key: 'phone',
      label: 'Téléphone',
      children: contact.phone ? (
        <Typography.Link href={`tel:${contact.phone}`}>{formatPhone(contact.phone)}</Typography.Link>
      ) : (
        '—'
      ),
    },
    {
      key: 'companyName',
      label: 'Entreprise',
      children: (
        <Flex vertical gap={4}>
          {dash(contact.companyName)}
          <CompanyLinkNotice contact={contact} canDecide={canDecideLink} onDecided={onSaved} />
        </Flex>
      ),
    },
    {
      key: 'siret',
      label: 'SIRET',
      children: contact.siret ? (
        <Typography.Text copyable={{ text: contact.siret }}>{formatSiret(contact.siret)}</Typography.Text>
      ) : (
        '—'
      ),
    },
    { key: 'manager', label: 'Gérant', children: dash(contact.manager) },
    {
      key: 'address',
      label: 'Adresse',
      children: addressLines.length ? addressLines.map((line) => <div key={line}>{line}</div>) : '—',
    },
    { key: 'source', label: 'Source', children: dash(contact.source) },
    { key: 'tags', label: 'Tags', children: <TagsEditor contact={contact} editable={editable} onSaved={onSaved} /> },
    {
      key: 'solvency',
      label: 'Solvabilité',
      children: <SolvencyEditor contact={contact} editable={editable} onSaved={onSaved} />,
    },
    {
      key: 'notes',
      label: 'Notes',
      children: (
        <NotesEditor
          notes={contact.notes}
          editable={editable}
          onSave={async (notes) => onSaved(await updateContact(contact.id, { notes }))}
          testId="contact-notes"
        />
      ),
    },
    { key: 'assignedTo', label: 'Commercial assigné', children: assignSlot ?? <Assignee user={contact.assignedTo} /> },
    { key: 'createdAt', label: 'Créé le', children: formatDateTime(contact.createdAt) },
    { key: 'updatedAt', label: 'Modifié le', children: formatDateTime(contact.updatedAt) },
  ];
  return (
    <Flex vertical gap={16}>
      <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 170 } }} />
      <RegistryDetails contact={contact} />
    </Flex>
  );
}
