import { useState } from 'react';
import { App, Button, Tooltip } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import { errorMessage, formatDate } from '@digiweb/shared-ui';
import { ENRICHMENT_FIELD_LABELS, type ContactDto } from '@digiweb/api/contracts';
import { enrichContact } from './api';

/** "Enrichir (Pappers)": fills the contact from the registry by its SIREN. */
export function EnrichButton({
  contact,
  onEnriched,
}: {
  contact: ContactDto;
  onEnriched: (contact: ContactDto) => void;
}) {
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const enrich = async () => {
    setPending(true);
    try {
      const result = await enrichContact(contact.id);
      const source = result.source === 'démo' ? 'des données de démonstration' : 'Pappers';
      const fields = result.fields.map((field) => ENRICHMENT_FIELD_LABELS[field]);
      message.success(
        fields.length
          ? `Fiche enrichie depuis ${source} : ${fields.join(', ')}.`
          : `Fiche déjà à jour par rapport à ${source}.`,
      );
      onEnriched(result.contact);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <Tooltip
      title={
        contact.enrichment
          ? `Dernier enrichissement le ${formatDate(contact.enrichment.at)}`
          : 'Compléter à partir du SIRET'
      }
    >
      <Button icon={<CloudDownloadOutlined />} loading={pending} onClick={enrich} data-testid="contact-enrich">
        Enrichir (Pappers)
      </Button>
    </Tooltip>
  );
}
