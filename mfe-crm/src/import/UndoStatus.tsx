/** The undo of an import in the imports list: its progress, then what it removed, restored and left. */
import { Flex, Popover, Progress, Tag, Typography } from 'antd';
import { formatNumber } from '@digiweb/shared-ui';
import type { ImportUndoDto } from '@digiweb/api/contracts';

export const isUndoActive = (undo: ImportUndoDto | null) => undo?.status === 'queued' || undo?.status === 'running';

export function UndoStatus({ undo, testId }: { undo: ImportUndoDto; testId: string }) {
  if (isUndoActive(undo))
    return (
      <Flex vertical gap={2} role="status" data-testid={testId}>
        <Typography.Text type="secondary">Annulation de l’import en cours…</Typography.Text>
        <Progress
          size="small"
          percent={undo.total ? Math.round((undo.processed / undo.total) * 100) : 0}
          status="active"
          aria-label="Progression de l’annulation"
        />
      </Flex>
    );
  if (undo.status === 'failed')
    return (
      <Tag color="error" data-testid={testId}>
        {undo.error ?? 'L’annulation a échoué'}
      </Tag>
    );
  const left = undo.skippedContacts;
  return (
    <Flex vertical gap={2} data-testid={testId}>
      <Tag color="purple" style={{ width: 'fit-content' }}>
        Import annulé
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatNumber(undo.removed)} supprimés · {formatNumber(undo.restored)} restaurés
        {undo.skipped > 0 && (
          <>
            {' · '}
            <Popover
              title="Contacts laissés tels quels"
              content={
                <Flex vertical gap={2} style={{ maxHeight: 240, overflowY: 'auto' }}>
                  {left.map((c) => (
                    <span key={c.id}>
                      {c.name || 'Sans nom'} — {c.reason}
                    </span>
                  ))}
                  {undo.skipped > left.length && <span>… et {formatNumber(undo.skipped - left.length)} autres</span>}
                </Flex>
              }
            >
              <Typography.Link data-testid={`${testId}-skipped`}>
                {formatNumber(undo.skipped)} laissés (modifiés depuis)
              </Typography.Link>
            </Popover>
          </>
        )}
      </Typography.Text>
    </Flex>
  );
}
