/** Steps 5 and 6: the import running in the background (polled every second), then its report. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Flex, Popconfirm, Progress, Row, Statistic, Typography, theme } from 'antd';
import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  DownloadOutlined,
  StopOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { errorMessage, formatCount, formatDuration, formatNumber } from '@digiweb/shared-ui';
import { IMPORT_ACTIVE_STATUSES, type ImportDto } from '@digiweb/api/contracts';
import { cancelImport, getImport, rejectedLinesUrl } from './api';

const POLL_MS = 1000;

/** Polls the import while it runs; `onChange` gets every new state. */
export function useImportPolling(imp: ImportDto, onChange: (imp: ImportDto) => void): unknown {
  const [error, setError] = useState<unknown>();
  const active = IMPORT_ACTIVE_STATUSES.includes(imp.status);
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      getImport(imp.id, controller.signal).then(
        (next) => {
          setError(undefined);
          onChange(next);
        },
        (err: unknown) => {
          if (controller.signal.aborted) return;
          setError(err);
          onChange({ ...imp }); // polls again
        },
      );
    }, POLL_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [imp, active, onChange]);
  return error;
}

function eta(seconds: number | null): string {
  if (seconds === null) return 'estimation en cours';
  if (seconds < 60) return 'moins d’une minute';
  return `environ ${formatDuration(Math.ceil(seconds / 60))}`;
}

export function ProgressStep({ imp, onChange }: { imp: ImportDto; onChange: (imp: ImportDto) => void }) {
  const { message } = App.useApp();
  const error = useImportPolling(imp, onChange);
  const [cancelling, setCancelling] = useState(false);
  const { processed, rowsPerSecond, etaSeconds } = imp.progress;
  const percent = imp.totalRows ? Math.floor((processed / imp.totalRows) * 100) : 0;

  const cancel = async () => {
    setCancelling(true);
    try {
      onChange(await cancelImport(imp.id));
      message.info('Annulation demandée : l’import s’arrête après le lot en cours.');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setCancelling(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="import-progress">
      <Typography.Text>
        Import de <strong>{imp.fileName}</strong> en arrière-plan : vous pouvez fermer cette fenêtre, il continue.
      </Typography.Text>
      <Progress
        percent={percent}
        status={imp.cancelRequested ? 'exception' : 'active'}
        aria-label="Progression de l’import"
      />
      <Typography.Text type="secondary" role="status">
        {imp.status === 'queued'
          ? 'En attente de démarrage…'
          : `${formatNumber(processed)} / ${formatNumber(imp.totalRows)} lignes · ${formatNumber(rowsPerSecond)} lignes/s · ${
              imp.cancelRequested ? 'annulation en cours' : `reste ${eta(etaSeconds)}`
            }`}
      </Typography.Text>
      <Counts imp={imp} />
      {error !== undefined && (
        <Alert type="warning" showIcon title="Suivi momentanément interrompu" description={errorMessage(error)} />
      )}
      <Flex justify="end">
        <Popconfirm
          title="Annuler l’import ?"
          description="Les lignes déjà importées sont conservées."
          okText="Annuler l’import"
          cancelText="Continuer"
          okButtonProps={{ danger: true }}
          onConfirm={cancel}
          disabled={imp.cancelRequested}
        >
          <Button
            danger
            icon={<StopOutlined />}
            loading={cancelling}
            disabled={imp.cancelRequested}
            data-testid="import-cancel"
          >
            {imp.cancelRequested ? 'Annulation demandée' : 'Annuler l’import'}
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
}

function Counts({ imp }: { imp: ImportDto }) {
  const { token } = theme.useToken();
  const { imported, updated, duplicates, errors } = imp.counts;
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Statistic
          title="Importés"
          prefix={<CheckCircleOutlined style={{ color: token.colorSuccess }} />}
          value={imported + updated}
          formatter={(v) => formatNumber(Number(v))}
        />
        {updated > 0 && (
          <Typography.Text type="secondary">dont {formatCount(updated, 'contact')} mis à jour</Typography.Text>
        )}
      </Col>
      <Col span={8}>
        <Statistic
          title="Doublons ignorés"
          prefix={<WarningOutlined style={{ color: token.colorWarning }} />}
          value={duplicates}
          formatter={(v) => formatNumber(Number(v))}
        />
      </Col>
      <Col span={8}>
        <Statistic
          title="Erreurs"
          prefix={<CloseCircleOutlined style={{ color: token.colorError }} />}
          value={errors}
          formatter={(v) => formatNumber(Number(v))}
        />
      </Col>
    </Row>
  );
}

export function ReportStep({ imp }: { imp: ImportDto }) {
  const { duplicates, errors } = imp.counts;
  return (
    <Flex vertical gap={16} data-testid="import-report">
      {imp.status === 'completed' && <Alert type="success" showIcon title={`Import de ${imp.fileName} terminé.`} />}
      {imp.status === 'cancelled' && (
        <Alert
          type="warning"
          showIcon
          title="Import annulé"
          description="Les lignes traitées avant l’annulation sont conservées."
        />
      )}
      {imp.status === 'failed' && <Alert type="error" showIcon title="L’import a échoué" description={imp.error} />}
      <Counts imp={imp} />
      {duplicates + errors > 0 ? (
        <Flex vertical gap={8} align="start">
          <Typography.Text type="secondary">
            Le fichier des lignes rejetées donne, pour chacune, son numéro de ligne, la colonne et le motif, puis la
            ligne telle qu’elle était : corrigez-la et importez ce fichier de nouveau.
          </Typography.Text>
          <Button
            icon={<DownloadOutlined />}
            href={rejectedLinesUrl(imp.id)}
            download
            data-testid="import-rejected-download"
          >
            Télécharger les lignes rejetées ({formatNumber(duplicates + errors)})
          </Button>
        </Flex>
      ) : (
        imp.status === 'completed' && <Typography.Text>Aucune ligne rejetée.</Typography.Text>
      )}
    </Flex>
  );
}
