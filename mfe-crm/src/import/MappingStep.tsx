/**
 * Step 2: the field of each column, proposed from the headers, changed by hand; the encoding and the
 * separator when detection got them wrong (the file is read again).
 */
import { useState } from 'react';
import { Alert, App, Checkbox, Flex, Select, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { errorMessage, formatNumber, queryState } from '@digiweb/shared-ui';
import {
  IMPORT_DELIMITERS,
  IMPORT_DELIMITER_LABELS,
  IMPORT_ENCODINGS,
  IMPORT_ENCODING_LABELS,
  IMPORT_FIELDS,
  IMPORT_FIELD_LABELS,
  IMPORT_FORMAT_LABELS,
  type ImportDelimiter,
  type ImportDto,
  type ImportEncoding,
  type ImportField,
} from '@digiweb/api/contracts';
import { getPreview, updateImport } from './api';
import { importKeys } from './keys';

/** Value of the Select meaning "not imported". */
const SKIP = '__skip__';

/** Why the mapping cannot be used yet, or undefined. */
export function mappingProblem(columns: (ImportField | null)[]): string | undefined {
  const has = (f: ImportField) => columns.includes(f);
  if (!has('fullName') && (!has('firstName') || !has('lastName')))
    return 'Associez une colonne au prénom et une au nom (ou une colonne au nom complet).';
  return undefined;
}

interface Props {
  imp: ImportDto;
  columns: (ImportField | null)[];
  onColumnsChange: (columns: (ImportField | null)[]) => void;
  /** The file read again with another encoding or separator. */
  onReanalysed: (imp: ImportDto) => void;
  /** The content of the columns not imported goes to the contacts' notes. */
  keepUnmapped: boolean;
  onKeepUnmappedChange: (keep: boolean) => void;
}

/** Headers of the columns not imported that the notes would keep. */
export function unmappedHeaders(imp: ImportDto, columns: (ImportField | null)[]): string[] {
  const ignored = new Set(imp.ignoredColumns);
  return imp.headers.filter((_h, i) => !columns[i] && !ignored.has(i));
}

export function MappingStep({
  imp,
  columns,
  onColumnsChange,
  onReanalysed,
  keepUnmapped,
  onKeepUnmappedChange,
}: Props) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const sample = queryState(
    useQuery({
      queryKey: importKeys.preview(imp.id, `sample:${imp.encoding}:${imp.delimiter}`),
      queryFn: ({ signal }) => getPreview(imp.id, signal),
    }),
  );
  const examples = (i: number) =>
    (sample.data?.rows ?? [])
      .map((r) => r.cells[i]?.value.trim())
      .filter(Boolean)
      .slice(0, 3)
      .join(' · ');

  const reformat = async (change: { encoding?: ImportEncoding; delimiter?: ImportDelimiter }) => {
    setSaving(true);
    try {
      const next = await updateImport(imp.id, change);
      message.success(`Fichier relu : ${next.headers.length} colonnes`);
      onReanalysed(next);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const problem = mappingProblem(columns);
  const unmapped = unmappedHeaders(imp, columns);
  const options = [
    { value: SKIP, label: 'Ne pas importer' },
    ...IMPORT_FIELDS.map((f) => ({ value: f, label: IMPORT_FIELD_LABELS[f], disabled: columns.includes(f) })),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={16} wrap align="center">
        <Typography.Text>
          <strong>{imp.fileName}</strong> — {formatNumber(imp.totalRows)} lignes
        </Typography.Text>
        <Tag color={imp.format === 'spec' ? 'default' : 'blue'} data-testid="import-format">
          {imp.format === 'spec' ? 'Format standard' : `Export reconnu : ${IMPORT_FORMAT_LABELS[imp.format]}`}
        </Tag>
        <Select<ImportEncoding>
          aria-label="Encodage du fichier"
          style={{ width: 300 }}
          value={imp.encoding}
          disabled={saving}
          options={IMPORT_ENCODINGS.map((e) => ({ value: e, label: `Encodage : ${IMPORT_ENCODING_LABELS[e]}` }))}
          onChange={(encoding) => void reformat({ encoding })}
        />
        <Select<ImportDelimiter>
          aria-label="Séparateur"
          style={{ width: 250 }}
          value={imp.delimiter}
          disabled={saving}
          options={IMPORT_DELIMITERS.map((d) => ({ value: d, label: `Séparateur : ${IMPORT_DELIMITER_LABELS[d]}` }))}
          onChange={(delimiter) => void reformat({ delimiter })}
        />
      </Flex>
      {problem && <Alert type="warning" showIcon title={problem} />}
      {unmapped.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="import-unmapped"
          title={
            unmapped.length === 1
              ? 'Une colonne ne correspond à aucun champ du contact :'
              : `${unmapped.length} colonnes ne correspondent à aucun champ du contact :`
          }
          description={
            <Flex vertical gap={8}>
              <Typography.Text>{unmapped.join(', ')}</Typography.Text>
              <Checkbox
                checked={keepUnmapped}
                onChange={(e) => onKeepUnmappedChange(e.target.checked)}
                data-testid="import-keep-unmapped"
              >
                Conserver leur contenu dans les notes du contact (sinon, ces colonnes ne sont pas importées)
              </Checkbox>
            </Flex>
          }
        />
      )}
      {sample.error !== undefined && (
        <Alert type="error" showIcon title="Exemples indisponibles" description={errorMessage(sample.error)} />
      )}
      <Table
        size="small"
        rowKey="index"
        pagination={false}
        scroll={{ y: 360 }}
        loading={saving}
        dataSource={imp.headers.map((header, index) => ({ header, index }))}
        data-testid="import-mapping"
        columns={[
          { title: 'Colonne du fichier', dataIndex: 'header', width: 220, render: (h: string) => <strong>{h}</strong> },
          {
            title: 'Exemples',
            ellipsis: true,
            render: (_: unknown, row) => (
              <Typography.Text type="secondary">{examples(row.index) || '—'}</Typography.Text>
            ),
          },
          {
            title: 'Champ du contact',
            width: 260,
            render: (_: unknown, row) => (
              <Select<string>
                aria-label={`Champ pour la colonne ${row.header}`}
                style={{ width: '100%' }}
                value={columns[row.index] ?? SKIP}
                options={options.map((o) => (o.value === columns[row.index] ? { ...o, disabled: false } : o))}
                onChange={(value) =>
                  onColumnsChange(
                    columns.map((c, i) => (i === row.index ? (value === SKIP ? null : (value as ImportField)) : c)),
                  )
                }
                data-testid={`import-column-${row.index}`}
              />
            ),
          },
        ]}
      />
    </Flex>
  );
}
