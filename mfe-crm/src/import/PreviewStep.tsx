/** Step 3: the first 10 rows as they will be read, each refused cell in red with its reason. */
import { Alert, Flex, Table, Tag, Tooltip, Typography, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { errorMessage, formatCount, queryState } from '@digiweb/shared-ui';
import { IMPORT_FIELD_LABELS, type ImportDto, type ImportField, type ImportPreviewRow } from '@digiweb/api/contracts';
import { getPreview } from './api';
import { importKeys } from './keys';

export function PreviewStep({ imp }: { imp: ImportDto }) {
  const { token } = theme.useToken();
  // The mapping is part of the key: the preview is validated with the columns just saved.
  const preview = queryState(
    useQuery({
      queryKey: importKeys.preview(imp.id, `columns:${imp.columns.join(',')}`),
      queryFn: ({ signal }) => getPreview(imp.id, signal),
    }),
  );
  const rows = preview.data?.rows ?? [];
  const bad = rows.filter((r) => r.rowError || r.cells.some((c) => c.error)).length;
  const mapped = imp.columns
    .map((field, index) => ({ field, index }))
    .filter((c): c is { field: ImportField; index: number } => c.field !== null);

  if (preview.error !== undefined)
    return <Alert type="error" showIcon title="Aperçu indisponible" description={errorMessage(preview.error)} />;
  return (
    <Flex vertical gap={12}>
      {!preview.loading &&
        (bad ? (
          <Alert
            type="warning"
            showIcon
            title={`${formatCount(bad, 'ligne')} sur ${rows.length} ${bad > 1 ? 'seront refusées' : 'sera refusée'}`}
            description="Les lignes en erreur sont ignorées et listées dans le rapport ; les autres sont importées."
          />
        ) : (
          <Alert type="success" showIcon title={`Les ${rows.length} premières lignes sont valides.`} />
        ))}
      <Table<ImportPreviewRow>
        size="small"
        rowKey="line"
        pagination={false}
        loading={preview.loading}
        scroll={{ x: 'max-content', y: 380 }}
        dataSource={rows}
        data-testid="import-preview"
        columns={[
          {
            title: 'Ligne',
            dataIndex: 'line',
            width: 70,
            fixed: 'left',
            render: (line: number, row) =>
              row.rowError ? (
                <Tooltip title={row.rowError}>
                  <Tag color="error">{line}</Tag>
                </Tooltip>
              ) : (
                line
              ),
          },
          ...mapped.map(({ field, index }) => ({
            key: String(index),
            title: (
              <Flex vertical>
                <span>{IMPORT_FIELD_LABELS[field]}</span>
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
                  {imp.headers[index]}
                </Typography.Text>
              </Flex>
            ),
            ellipsis: true,
            width: 170,
            onCell: (row: ImportPreviewRow) => ({
              style: row.cells[index]?.error
                ? { background: token.colorErrorBg, color: token.colorErrorText }
                : undefined,
            }),
            render: (_: unknown, row: ImportPreviewRow) => {
              const cell = row.cells[index];
              if (!cell?.error) return cell?.value || <Typography.Text type="secondary">—</Typography.Text>;
              return (
                <Tooltip title={cell.error}>
                  <span data-testid="import-preview-error" aria-invalid="true">
                    {cell.value || '(vide)'}
                  </span>
                </Tooltip>
              );
            },
          })),
        ]}
      />
    </Flex>
  );
}
