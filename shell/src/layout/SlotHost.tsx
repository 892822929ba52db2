/**
 * Where remotes appear. The mount slot is a DOM element owned by the shell outside React
 * (`mountSlot`); this component attaches it to the layout, starts single-spa once it is in the
 * document, and shows a spinner while the active remote loads or a panel if it broke.
 */
import { useCallback, useEffect, useState } from 'react';
import { Flex, Spin, Typography } from 'antd';
import { getAppStatus } from 'single-spa';
import type { RemoteEntry } from '@digiweb/api/contracts';
import { RemoteUnavailable } from '@digiweb/shared-ui';
import { mountSlot, startRemotes } from '../remotes';

const BROKEN = new Set(['SKIP_BECAUSE_BROKEN', 'LOAD_ERROR']);

function useAppStatus(name: string | undefined): string | null {
  const read = useCallback(() => (name ? getAppStatus(name) : null), [name]);
  const [status, setStatus] = useState(read);
  useEffect(() => {
    const update = () => setStatus(read());
    update();
    window.addEventListener('single-spa:routing-event', update);
    window.addEventListener('single-spa:app-change', update);
    return () => {
      window.removeEventListener('single-spa:routing-event', update);
      window.removeEventListener('single-spa:app-change', update);
    };
  }, [read]);
  return status;
}

export function SlotHost({ remote }: { remote: RemoteEntry | undefined }) {
  const attach = useCallback((node: HTMLDivElement | null) => {
    if (node && mountSlot.parentElement !== node) node.appendChild(mountSlot);
  }, []);
  // Refs are attached before effects run: the slot is in the document when single-spa starts.
  useEffect(() => startRemotes(), []);

  const status = useAppStatus(remote?.name);
  const broken = !!status && BROKEN.has(status);
  const loading = !!remote && !broken && status !== 'MOUNTED';

  return (
    <div style={{ display: remote ? 'block' : 'none' }} data-testid="remote-area">
      {loading && (
        <Flex vertical align="center" gap={12} style={{ padding: 48 }}>
          <Spin size="large" />
          <Typography.Text type="secondary">Chargement du module…</Typography.Text>
        </Flex>
      )}
      {remote && broken && <RemoteUnavailable label={remote.label} />}
      <div ref={attach} />
    </div>
  );
}
