/**
 * Pieces of the record screens: the form modal that cannot be closed while saving, the body of a
 * detail drawer with its load states (not found, failed, refresh failed), and undoable deletion.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { Alert, App, Button, Modal, Popconfirm, Result, Space } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { errorMessage, problemOf } from './api.js';
import type { LoadState } from './query.js';

export interface FormModalProps {
  open: boolean;
  title: ReactNode;
  width?: number;
  onClose: () => void;
  /** The form, mounted while the modal is open; it reports when it saves, to lock the modal meanwhile. */
  children: (saving: { saving: boolean; setSaving: (saving: boolean) => void }) => ReactNode;
}

/** A modal around a create/edit form: no footer (the form has its buttons), not closable while saving. */
export function FormModal({ open, title, width = 720, onClose, children }: FormModalProps) {
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
      closable={!saving}
      onCancel={() => {
        if (!saving) onClose();
      }}
    >
      {open && children({ saving, setSaving })}
    </Modal>
  );
}

export interface RecordBodyProps<T> {
  /** The record's request (see queryState). */
  detail: Pick<LoadState<T>, 'error' | 'reload'>;
  /** The record to show: fresh, or what was clicked while it loads. */
  record: T | undefined;
  /** "Activité introuvable". */
  notFoundTitle: string;
  /** "Cette activité n'existe plus ou vous n'y avez pas accès." */
  notFoundText: string;
  /** "Impossible de charger l'activité". */
  errorTitle: string;
  onClose: () => void;
  children: (record: T) => ReactNode;
}

/** True when the record's request answered 404 (deleted, or out of the caller's scope). */
export const isNotFound = (error: unknown) => problemOf(error)?.status === 404;

/** The body of a detail drawer: the record, or why it cannot be shown, with a way out or a retry. */
export function RecordBody<T>({
  detail,
  record,
  notFoundTitle,
  notFoundText,
  errorTitle,
  onClose,
  children,
}: RecordBodyProps<T>) {
  if (isNotFound(detail.error)) {
    return (
      <Result
        status="404"
        title={notFoundTitle}
        subTitle={notFoundText}
        extra={<Button onClick={onClose}>Fermer</Button>}
      />
    );
  }
  if (!record && detail.error) {
    return (
      <Result
        status="error"
        title={errorTitle}
        subTitle={errorMessage(detail.error)}
        extra={<Button onClick={detail.reload}>Réessayer</Button>}
      />
    );
  }
  if (!record) return null;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {detail.error !== undefined && (
        <Alert
          type="warning"
          showIcon
          title="Impossible d'actualiser la fiche"
          description={errorMessage(detail.error)}
          action={
            <Button size="small" onClick={detail.reload}>
              Réessayer
            </Button>
          }
        />
      )}
      {children(record)}
    </Space>
  );
}

/** How long the "Annuler" of a deletion stays offered, in seconds. */
export const UNDO_SECONDS = 8;

/** The "Supprimer" button of a detail drawer, behind a confirmation that announces the undo. */
export function DeleteButton({
  question,
  onConfirm,
  'data-testid': testId,
}: {
  /** "Supprimer ce deal ?" */
  question: string;
  /** Rejects when the deletion failed (it has said why already). */
  onConfirm: () => Promise<void>;
  'data-testid'?: string;
}) {
  return (
    <Popconfirm
      title={question}
      description="Vous pourrez annuler la suppression pendant quelques secondes."
      okText="Supprimer"
      cancelText="Conserver"
      okButtonProps={{ danger: true }}
      onConfirm={() => onConfirm().catch(() => undefined)}
    >
      <Button danger icon={<DeleteOutlined />} data-testid={testId}>
        Supprimer
      </Button>
    </Popconfirm>
  );
}

export interface UndoableDeletion {
  /** Deletes (soft) the record. */
  remove: () => Promise<unknown>;
  /** Restores it (the undo). */
  restore: () => Promise<unknown>;
  /** Notification key, unique per record: "deal-deleted-<id>". */
  key: string;
  /** "Deal supprimé" */
  title: string;
  /** "« Refonte site vitrine » a été supprimé." */
  description: string;
  /** "Deal restauré" */
  restoredText: string;
  onDeleted: () => void;
  onRestored: () => void;
  /** Test id of the notification's "Annuler" button. */
  undoTestId?: string;
}

/**
 * Deletes a record, then offers "Annuler" for UNDO_SECONDS in a notification. The returned function
 * rejects when the deletion fails, after a toast saying why.
 */
export function useUndoableDelete(): (deletion: UndoableDeletion) => Promise<void> {
  const { message, notification } = App.useApp();
  return useCallback(
    async (d: UndoableDeletion) => {
      try {
        await d.remove();
      } catch (err) {
        message.error(errorMessage(err));
        throw err;
      }
      d.onDeleted();
      const undo = async () => {
        notification.destroy(d.key);
        try {
          await d.restore();
          message.success(d.restoredText);
          d.onRestored();
        } catch (err) {
          message.error(errorMessage(err));
        }
      };
      notification.success({
        key: d.key,
        title: d.title,
        description: d.description,
        duration: UNDO_SECONDS,
        showProgress: true,
        pauseOnHover: true,
        actions: (
          <Button type="primary" size="small" onClick={undo} data-testid={d.undoTestId}>
            Annuler
          </Button>
        ),
      });
    },
    [message, notification],
  );
}
