/** Step 1: drop the CSV file (≤ 50 Mo), uploaded with its progress and analysed; the last imports below. */
import { useState } from 'react';
import { App, Flex, Progress, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { errorMessage, formatNumber } from '@digiweb/shared-ui';
import { IMPORT_MAX_BYTES, type ImportDto } from '@digiweb/api/contracts';
import { uploadImport } from './api';
import { ImportsList } from './ImportsList';

const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;

interface Props {
  onUploaded: (imp: ImportDto) => void;
  /** Reopens an earlier import where it stands (mapping, progress or report). */
  onOpen: (imp: ImportDto) => void;
}

export function UploadStep({ onUploaded, onOpen }: Props) {
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number | null>(null);

  return (
    <Flex vertical gap={24}>
      <Upload.Dragger
        accept=".csv,.txt,.tsv,.vcf,text/csv,text/vcard,text/x-vcard"
        multiple={false}
        showUploadList={false}
        disabled={percent !== null}
        beforeUpload={(file) => {
          if (file.size > IMPORT_MAX_BYTES) {
            message.error(`Le fichier dépasse ${MAX_MB} Mo. Découpez-le en plusieurs fichiers.`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file }) => {
          setPercent(0);
          uploadImport(file as File, setPercent).then(
            (imp) => {
              setPercent(null);
              message.success(`Fichier analysé : ${formatNumber(imp.totalRows)} lignes`);
              onUploaded(imp);
            },
            (err: unknown) => {
              setPercent(null);
              message.error(errorMessage(err));
            },
          );
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">Cliquez ou déposez un fichier CSV ou vCard (.vcf) ici</p>
        <p className="ant-upload-hint">
          {MAX_MB} Mo au maximum. Séparateur virgule, point-virgule ou tabulation ; encodage UTF-8 ou Windows (Excel)
          détecté automatiquement. Exports reconnus : Google Contacts, Outlook / Microsoft 365, HubSpot, Pipedrive,
          Salesforce, LinkedIn (relations) et vCard. Format conseillé sinon : prenom, nom, email, telephone, entreprise,
          poste, ville, pays, statut, source, notes.
        </p>
      </Upload.Dragger>
      {percent !== null && (
        <Flex vertical gap={4} role="status">
          <Progress percent={percent} status="active" />
          <Typography.Text type="secondary">
            {percent < 100 ? 'Envoi du fichier…' : 'Analyse du fichier…'}
          </Typography.Text>
        </Flex>
      )}
      <ImportsList onOpen={onOpen} />
    </Flex>
  );
}
