/** Step 1: drop the CSV file (≤ 50 Mo), uploaded with its progress and analysed; the last imports below. */
import { useState } from 'react';
import { App, Button, Flex, Progress, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { errorMessage, formatDateTime, formatNumber, queryState } from '@digiweb/shared-ui';
import { IMPORT_MAX_BYTES, IMPORT_STATUS_LABELS, type ImportDto, type ImportStatus } from '@digiweb/api/contracts';
import { listImports, uploadImport } from './api';
import { importKeys } from './keys';

const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;

export const STATUS_COLORS: Record<ImportStatus, string> = {
  analysed: 'default',
  queued: 'processing',
  running: 'processing',
  completed: 'success',
  cancelled: 'warning',
  failed: 'error',
  expired: 'default',
};

interface Props {
  onUploaded: (imp: ImportDto) => void;
  /** Reopens an earlier import where it stands (mapping, progress or report). */
  onOpen: (imp: ImportDto) => void;
}

export function UploadStep({ onUploaded, onOpen }: Props) {
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number | null>(null);
  const recent = queryState(useQuery({ queryKey: importKeys.recent(), queryFn: ({ signal }) => listImports(signal) }));

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
          Salesforce, LinkedIn (relations) et vCard. Format conseillé sinon : prenom, nom, email, telephone,
          entreprise, poste, ville, pays, statut, source, notes.
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
      <Flex vertical gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          Derniers imports
        </Typography.Title>
        <Table<ImportDto>
          size="small"
          rowKey="id"
          pagination={false}
          loading={recent.loading}
          dataSource={recent.data?.items ?? []}
          locale={{ emptyText: recent.error ? errorMessage(recent.error) : 'Aucun import pour le moment.' }}
          columns={[
            { title: 'Fichier', dataIndex: 'fileName', ellipsis: true },
            { title: 'Date', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: 'Statut',
              dataIndex: 'status',
              width: 120,
              render: (s: ImportStatus) => <Tag color={STATUS_COLORS[s]}>{IMPORT_STATUS_LABELS[s]}</Tag>,
            },
            {
              title: 'Résultat',
              width: 270,
              render: (_: unknown, imp) =>
                imp.status === 'analysed' || imp.status === 'expired'
                  ? `${formatNumber(imp.totalRows)} lignes`
                  : `${formatNumber(imp.counts.imported + imp.counts.updated)} importés · ${formatNumber(imp.counts.duplicates)} doublons · ${formatNumber(imp.counts.errors)} erreurs`,
            },
            {
              title: '',
              width: 110,
              render: (_: unknown, imp) =>
                imp.status === 'expired' ? null : (
                  <Button size="small" type="link" onClick={() => onOpen(imp)}>
                    {imp.status === 'analysed'
                      ? 'Reprendre'
                      : imp.status === 'queued' || imp.status === 'running'
                        ? 'Suivre'
                        : 'Rapport'}
                  </Button>
                ),
            },
          ]}
        />
      </Flex>
    </Flex>
  );
}
