/**
 * The last imports of the wizard's first step: started ones first (the API's order), then drafts.
 * A draft never started can be deleted; a finished import can be undone (progress shown here).
 */
import { App, Button, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, UndoOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, formatDateTime, formatNumber, queryState } from '@digiweb/shared-ui';
import { IMPORT_STATUS_LABELS, type ImportDto, type ImportStatus } from '@digiweb/api/contracts';
import { deleteImport, listImports, undoImport } from './api';
import { importKeys } from './keys';
import { isUndoActive, UndoStatus } from './UndoStatus';

const STATUS_COLORS: Record<ImportStatus, string> = {
  analysed: 'default',
  queued: 'processing',
  running: 'processing',
  completed: 'success',
  cancelled: 'warning',
  failed: 'error',
  expired: 'default',
};

/** Never started (analysed, expired, or cancelled before its start): its run settings were never given. */
const isDraft = (imp: ImportDto) => imp.config === null;

export function ImportsList({ onOpen }: { onOpen: (imp: ImportDto) => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const recent = queryState(
    useQuery({
      queryKey: importKeys.recent(),
      queryFn: ({ signal }) => listImports(signal),
      // While an undo runs, its progress is polled.
      refetchInterval: (query) => (query.state.data?.items.some((i) => isUndoActive(i.undo)) ? 1000 : false),
    }),
  );
  const undo = async (imp: ImportDto) => {
    try {
      await undoImport(imp.id);
      message.success('Annulation de l’import lancée en arrière-plan');
    } catch (err) {
      message.error(errorMessage(err));
    }
    await queryClient.invalidateQueries({ queryKey: importKeys.recent() });
  };
  const remove = async (imp: ImportDto) => {
    try {
      await deleteImport(imp.id);
      message.success('Brouillon d’import supprimé');
    } catch (err) {
      message.error(errorMessage(err));
    }
    await queryClient.invalidateQueries({ queryKey: importKeys.recent() });
  };

  return (
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
        data-testid="imports-list"
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
            width: 300,
            render: (_: unknown, imp) => (
              <Flex vertical gap={4}>
                <span>
                  {isDraft(imp)
                    ? `${formatNumber(imp.totalRows)} lignes`
                    : `${formatNumber(imp.counts.imported + imp.counts.updated)} importés · ${formatNumber(imp.counts.duplicates)} doublons · ${formatNumber(imp.counts.errors)} erreurs`}
                </span>
                {imp.undo && <UndoStatus undo={imp.undo} testId={`import-undo-status-${imp.id}`} />}
              </Flex>
            ),
          },
          {
            title: 'Actions',
            width: 240,
            render: (_: unknown, imp) => (
              <Space size={0}>
                {imp.status !== 'expired' && !(isDraft(imp) && imp.status === 'cancelled') && (
                  <Button size="small" type="link" onClick={() => onOpen(imp)}>
                    {imp.status === 'analysed'
                      ? 'Reprendre'
                      : imp.status === 'queued' || imp.status === 'running'
                        ? 'Suivre'
                        : 'Rapport'}
                  </Button>
                )}
                {imp.canUndo && (
                  <Popconfirm
                    title="Annuler cet import ?"
                    description={
                      <Typography.Paragraph style={{ maxWidth: 320, marginBottom: 0 }}>
                        Les contacts créés par l’import vont à la corbeille et les contacts mis à jour retrouvent leurs
                        valeurs d’avant. Ceux modifiés depuis l’import sont laissés tels quels.
                      </Typography.Paragraph>
                    }
                    okText="Annuler l’import"
                    okButtonProps={{ danger: true }}
                    cancelText="Garder"
                    onConfirm={() => undo(imp)}
                  >
                    <Button
                      size="small"
                      type="link"
                      danger
                      icon={<UndoOutlined />}
                      data-testid={`import-undo-${imp.id}`}
                    >
                      Annuler l’import
                    </Button>
                  </Popconfirm>
                )}
                {isDraft(imp) && (
                  <Popconfirm
                    title="Supprimer ce brouillon d’import ?"
                    description="Le fichier envoyé est effacé ; aucun contact n’est touché."
                    okText="Supprimer"
                    okButtonProps={{ danger: true }}
                    cancelText="Annuler"
                    onConfirm={() => remove(imp)}
                  >
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`Supprimer le brouillon ${imp.fileName}`}
                      data-testid={`import-delete-${imp.id}`}
                    />
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Flex>
  );
}
