/**
 * "Exporter" of the CRM lists: the list as the screen shows it (same filters and order, every page),
 * as CSV or Excel, within the caller's export scope. Plain links to the export route: the browser
 * downloads the file itself with the session cookie.
 */
import { App, Button, Dropdown } from 'antd';
import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { useAbility } from '@digiweb/shared-ui';
import type { Subject } from '@digiweb/api/contracts';

export type ExportList = 'contacts' | 'companies' | 'deals' | 'activities';

const SUBJECTS: Record<ExportList, Subject> = {
  contacts: 'Contact',
  companies: 'Company',
  deals: 'Deal',
  activities: 'Activity',
};

/** The export of a list with the list's query parameters (paging dropped). */
export function exportUrl(
  list: ExportList,
  format: 'csv' | 'xlsx',
  params: Record<string, string | number | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '' && key !== 'page' && key !== 'pageSize') query.set(key, String(value));
  query.set('format', format);
  return `/api/crm/exports/${list}?${query.toString()}`;
}

interface Props {
  list: ExportList;
  /** The list's query parameters, as the list screen sends them. */
  params: Record<string, string | number | undefined>;
}

export function ExportMenu({ list, params }: Props) {
  const { message } = App.useApp();
  const ability = useAbility();
  if (!ability.can('export', SUBJECTS[list])) return null;
  const started = () => message.info('Export en cours de téléchargement…');
  const link = (format: 'csv' | 'xlsx', label: string) => (
    <a href={exportUrl(list, format, params)} download onClick={started} data-testid={`${list}-export-${format}`}>
      {label}
    </a>
  );
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', label: link('csv', 'CSV (séparateur point-virgule, pour Excel)') },
          { key: 'xlsx', label: link('xlsx', 'Classeur Excel (.xlsx)') },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid={`${list}-export`}>
        Exporter <DownOutlined />
      </Button>
    </Dropdown>
  );
}
