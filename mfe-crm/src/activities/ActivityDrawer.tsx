/** Detail of an activity with the actions the caller is allowed: edit, complete, cancel, delete. */
import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Popconfirm, Space, Typography, type DescriptionsProps } from 'antd';
import { CheckOutlined, CloseOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import {
  errorMessage,
  formatDateTime,
  formatDuration,
  fullName,
  isNotFound,
  RecordBody,
  queryState,
} from '@digiweb/shared-ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CALL_DIRECTION_LABELS, formatPhone, type ActivityDto } from '@digiweb/api/contracts';
import { cancelActivity, completeActivity, getActivity } from './api';
import { ActivityFormModal } from './ActivityFormModal';
import { PriorityTag, StatusTag, TypeLabel } from './display';
import type { ActivityPermissions } from './hooks';
import { activityKeys } from './keys';

interface Props {
  /** Id of the activity to show; null when the drawer is closed. */
  activityId: string | null;
  /** The entry that was clicked, shown while the fresh record loads. */
  initial?: ActivityDto;
  permissions: ActivityPermissions;
  onClose: () => void;
  /** The activity changed (edited, completed, cancelled). */
  onChanged: (activity: ActivityDto) => void;
  /** Deletes the activity (the page handles the toast and its undo). Rejects on failure. */
  onDelete: (activity: ActivityDto) => Promise<void>;
}

function reminderText(a: ActivityDto): string {
  if (a.reminderMinutes === undefined) return 'Aucun rappel';
  const before = a.reminderMinutes === 0 ? "à l'heure prévue" : `${formatDuration(a.reminderMinutes)} avant`;
  return a.remindedAt ? `${before} — envoyé le ${formatDateTime(a.remindedAt)}` : before;
}

function details(a: ActivityDto, showOwner: boolean): DescriptionsProps['items'] {
  const items: DescriptionsProps['items'] = [
    { key: 'type', label: 'Type', children: <TypeLabel type={a.type} /> },
    {
      key: 'state',
      label: 'Statut',
      children: (
        <Space size={4}>
          <StatusTag status={a.status} />
          <PriorityTag priority={a.priority} />
        </Space>
      ),
    },
    { key: 'due', label: 'Échéance', children: formatDateTime(a.dueAt) },
    { key: 'duration', label: 'Durée', children: formatDuration(a.durationMinutes) },
    { key: 'contact', label: 'Contact', children: a.contact?.name ?? '—' },
    { key: 'company', label: 'Entreprise', children: a.company?.name ?? '—' },
    { key: 'deal', label: 'Deal', children: a.deal?.name ?? '—' },
    { key: 'reminder', label: 'Rappel', children: reminderText(a) },
  ];
  if (showOwner) items.push({ key: 'owner', label: 'Propriétaire', children: fullName(a.owner) });
  if (a.completedAt) items.push({ key: 'completed', label: 'Complétée le', children: formatDateTime(a.completedAt) });
  if (a.aircall) {
    items.push(
      {
        key: 'source',
        label: 'Source',
        children: `Aircall — appel ${CALL_DIRECTION_LABELS[a.aircall.direction].toLowerCase()}${a.aircall.missed ? ' (manqué)' : ''}`,
      },
      { key: 'phone', label: 'Numéro', children: a.aircall.phone ? formatPhone(a.aircall.phone) : '—' },
      {
        key: 'recording',
        label: 'Enregistrement',
        children: a.aircall.recordingUrl ? (
          <Typography.Link href={a.aircall.recordingUrl} target="_blank" rel="noopener noreferrer">
            Écouter l'enregistrement
          </Typography.Link>
        ) : (
          'Aucun'
        ),
      },
    );
  }
  items.push(
    {
      key: 'notes',
      label: 'Notes',
      span: 'filled',
      children: a.notes ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.notes}</Typography.Paragraph>
      ) : (
        '—'
      ),
    },
    { key: 'created', label: 'Créée le', children: formatDateTime(a.createdAt) },
    { key: 'updated', label: 'Modifiée le', children: formatDateTime(a.updatedAt) },
  );
  return items;
}

export function ActivityDrawer({ activityId, initial, permissions, onClose, onChanged, onDelete }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const detail = queryState(
    useQuery({
      queryKey: activityKeys.detail(activityId ?? ''),
      queryFn: ({ signal }) => getActivity(activityId as string, signal),
      enabled: activityId !== null,
    }),
  );
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<'complete' | 'cancel' | null>(null);

  const fresh = detail.data?.id === activityId ? detail.data : undefined;
  const activity = fresh ?? (initial?.id === activityId ? initial : undefined);
  const notFound = isNotFound(detail.error);

  const changed = (updated: ActivityDto) => {
    queryClient.setQueryData(activityKeys.detail(updated.id), updated);
    onChanged(updated);
  };

  const shortcut = async (kind: 'complete' | 'cancel', a: ActivityDto) => {
    setBusy(kind);
    try {
      changed(await (kind === 'complete' ? completeActivity(a.id) : cancelActivity(a.id)));
      message.success(kind === 'complete' ? 'Activité complétée' : 'Activité annulée');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const canUpdate = activity ? permissions.canUpdate(activity) : false;
  const actions = activity && !notFound && (
    <Space wrap>
      {canUpdate && activity.status === 'planned' && (
        <>
          <Button
            icon={<CheckOutlined />}
            loading={busy === 'complete'}
            disabled={busy !== null}
            onClick={() => shortcut('complete', activity)}
            data-testid="activity-complete"
          >
            Compléter
          </Button>
          <Button
            icon={<CloseOutlined />}
            loading={busy === 'cancel'}
            disabled={busy !== null}
            onClick={() => shortcut('cancel', activity)}
            data-testid="activity-cancel"
          >
            Annuler l'activité
          </Button>
        </>
      )}
      {canUpdate && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="activity-edit">
          Modifier
        </Button>
      )}
      {permissions.canDelete(activity) && (
        <Popconfirm
          title="Supprimer cette activité ?"
          description="Vous pourrez annuler la suppression pendant quelques secondes."
          okText="Supprimer"
          cancelText="Conserver"
          okButtonProps={{ danger: true }}
          onConfirm={() => onDelete(activity).catch(() => undefined)}
        >
          <Button danger icon={<DeleteOutlined />} data-testid="activity-delete">
            Supprimer
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Drawer
      open={activityId !== null}
      onClose={onClose}
      size={620}
      title={activity?.subject ?? 'Activité'}
      footer={actions || undefined}
      loading={!activity && !detail.error && detail.loading}
      destroyOnHidden
    >
      <div data-testid="activity-drawer">
        <RecordBody
          detail={detail}
          record={activity}
          notFoundTitle="Activité introuvable"
          notFoundText="Cette activité n'existe plus ou vous n'y avez pas accès."
          errorTitle="Impossible de charger l'activité"
          onClose={onClose}
        >
          {(a) => <Descriptions column={1} size="small" bordered items={details(a, permissions.canReadOthers)} />}
        </RecordBody>
      </div>
      {activity && (
        <ActivityFormModal
          open={editing}
          activity={activity}
          canAssign={false}
          ownerOptions={[]}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            changed(saved);
          }}
        />
      )}
    </Drawer>
  );
}
