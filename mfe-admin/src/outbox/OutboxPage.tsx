/**
 * Administration → Boîte d'envoi (démo): the e-mails, SMS and social posts that demo mode recorded
 * instead of sending, newest first; a row opens the whole message.
 */
import { useState } from 'react';
import { Alert, Typography, type TableColumnsType } from 'antd';
import { formatDateTime } from '@digiweb/shared-ui';
import type { OutboxChannel, OutboxMessageDto } from '@digiweb/api/contracts';
import { defineJournal, JournalPage } from '../journal';
import { CHANNEL_INFO, CHANNELS, ChannelTag, formatRecipients } from './display';
import { MessageDrawer } from './MessageDrawer';

const OUTBOX_JOURNAL = defineJournal<OutboxChannel, OutboxMessageDto>('/admin/outbox', 'channel', CHANNELS);

const CHANNEL_OPTIONS = CHANNELS.map((c) => ({ value: c, label: CHANNEL_INFO[c].label }));

const columns: TableColumnsType<OutboxMessageDto> = [
  { key: 'createdAt', title: 'Date', width: 150, render: (_, m) => formatDateTime(m.createdAt) },
  { key: 'channel', title: 'Canal', width: 150, render: (_, m) => <ChannelTag channel={m.channel} /> },
  { key: 'to', title: 'Destinataires', width: 300, ellipsis: true, render: (_, m) => formatRecipients(m.to) },
  {
    key: 'subject',
    title: 'Objet',
    ellipsis: true,
    render: (_, m) => m.subject || <Typography.Text type="secondary">Sans objet</Typography.Text>,
  },
  { key: 'provider', title: 'Fournisseur', width: 140, render: (_, m) => m.provider },
];

const openLabel = (m: OutboxMessageDto) =>
  `Ouvrir le message${m.subject ? ` « ${m.subject} »` : ''} du ${formatDateTime(m.createdAt)}`;

export default function OutboxPage() {
  const [opened, setOpened] = useState<OutboxMessageDto | null>(null);
  return (
    <>
      <JournalPage
        journal={OUTBOX_JOURNAL}
        title="Boîte d'envoi (démo)"
        noun="message"
        testId="outbox"
        intro={
          <Alert
            type="info"
            showIcon
            title="En mode démo, aucun e-mail, SMS ni publication ne quitte le portail : chaque envoi est enregistré ici."
            data-testid="outbox-explanation"
          />
        }
        searchLabel="Rechercher un destinataire"
        filter={{
          label: 'Filtrer par canal',
          placeholder: 'Tous les canaux',
          width: 200,
          options: CHANNEL_OPTIONS,
          render: (channel) => <ChannelTag channel={channel} />,
        }}
        errorTitle="Impossible de charger la boîte d'envoi"
        empty={{
          description: "Aucun message enregistré pour l'instant.",
          filteredDescription: 'Aucun message ne correspond à ces critères.',
        }}
        table={{ columns, scroll: { x: 1000 }, onOpen: setOpened, openLabel }}
      />
      <MessageDrawer message={opened} onClose={() => setOpened(null)} />
    </>
  );
}
