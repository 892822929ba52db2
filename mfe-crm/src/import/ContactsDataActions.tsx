/** The contacts page's file actions: "Exporter" (CSV / Excel of the list as filtered) and "Importer" (the wizard). */
import { lazy, Suspense, useState } from 'react';
import { Button, Space } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useAbility } from '@digiweb/shared-ui';
import { ExportMenu } from '../ExportMenu';
import { contactListParams } from '../contacts/api';
import type { ContactsQuery } from '../contacts/query';

// The wizard is its own chunk: only members who import download it, when they open it.
const ImportWizard = lazy(() => import('./ImportWizard'));

interface Props {
  query: ContactsQuery;
  /** An import ended: reload the list. */
  onImported: () => void;
}

export function ContactsDataActions({ query, onImported }: Props) {
  const ability = useAbility();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);

  return (
    <Space wrap>
      <ExportMenu list="contacts" params={contactListParams(query)} />
      {ability.can('create', 'ContactImport') && (
        <Button
          icon={<UploadOutlined />}
          onClick={() => {
            setOpen(true);
            setOpened(true);
          }}
          data-testid="import-open"
        >
          Importer
        </Button>
      )}
      {opened && (
        <Suspense fallback={null}>
          <ImportWizard open={open} onClose={() => setOpen(false)} onFinished={onImported} />
        </Suspense>
      )}
    </Space>
  );
}
