/**
 * Pieces of the record screens: the form modal that cannot be closed while saving, and the body of a
 * detail drawer with its load states (not found, failed, refresh failed).
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Result, Space } from 'antd';
import { errorMessage, problemOf } from './api.js';
import type { RemoteData } from './data.js';

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
  /** The record's request (see useRemoteData). */
  detail: Pick<RemoteData<T>, 'error' | 'reload'>;
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
export function RecordBody<T>({ detail, record, notFoundTitle, notFoundText, errorTitle, onClose, children }: RecordBodyProps<T>) {
  if (isNotFound(detail.error)) {
    return <Result status="404" title={notFoundTitle} subTitle={notFoundText} extra={<Button onClick={onClose}>Fermer</Button>} />;
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
