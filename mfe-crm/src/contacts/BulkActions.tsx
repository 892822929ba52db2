/**
 * Actions on the rows selected in the list: assign (admins), add a tag, change the status, delete
 * (admins). The server applies the caller's scope and answers how many contacts changed; the toast
 * offers "Annuler" for a few seconds (server-side undo).
 */
import { useState } from 'react';
import { App, Button, Dropdown, Flex, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { CloseOutlined, DeleteOutlined, DownOutlined, TagOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { errorMessage, formatCount, UNDO_SECONDS } from '@digiweb/shared-ui';
import {
  CONTACT_STATUSES,
  CONTACT_STATUS_LABELS,
  type ContactBulkInput,
  type ContactBulkResult,
} from '@digiweb/api/contracts';
import { bulkContacts, undoBulkContacts } from './api';
import type { AssigneeOption } from './ContactFormModal';
import { UNASSIGNED } from './query';
import { tagError, useTagSuggestions } from './tags';

/** A bulk request without its ids (Omit spread over each action of the union). */
type Payload = ContactBulkInput extends infer T ? (T extends unknown ? Omit<T, 'ids'> : never) : never;

interface Props {
  selected: string[];
  canAssign: boolean;
  canDelete: boolean;
  assigneeOptions: AssigneeOption[];
  onClear: () => void;
  /** The action ran (or was undone): reload the data. */
  onDone: () => void;
}

const what = (n: number) => formatCount(n, 'contact');

function describe(r: ContactBulkResult, detail: string): string {
  const done = `${what(r.done)} ${detail}`;
  return r.skipped
    ? `${done} ; ${formatCount(r.skipped, 'autre')} non modifié${r.skipped > 1 ? 's' : ''} (hors de votre périmètre ou déjà à jour).`
    : `${done}.`;
}

export function BulkActions({ selected, canAssign, canDelete, assigneeOptions, onClear, onDone }: Props) {
  const { message, notification } = App.useApp();
  const [pending, setPending] = useState(false);
  const [tagOpen, setTagOpen] = useState(false);
  const [assignOpen, setAssignOpen] = useState(false);

  const run = async (payload: Payload, detail: (r: ContactBulkResult) => string, title: string) => {
    setPending(true);
    let result: ContactBulkResult;
    try {
      result = await bulkContacts({ ...payload, ids: selected } as ContactBulkInput);
    } catch (err) {
      message.error(errorMessage(err));
      setPending(false);
      return false;
    }
    setPending(false);
    onClear();
    onDone();
    if (!result.undo) {
      notification.info({ title, description: `Aucun contact modifié (hors de votre périmètre ou déjà à jour).` });
      return true;
    }
    const key = `contacts-bulk-${result.undo.token}`;
    const token = result.undo.token;
    const undo = async () => {
      notification.destroy(key);
      try {
        const r = await undoBulkContacts(token);
        message.success(
          r.restored
            ? `Action annulée : ${what(r.restored)} rétabli${r.restored > 1 ? 's' : ''}`
            : 'Rien à rétablir : ces contacts ont changé depuis.',
        );
        onDone();
      } catch (err) {
        message.error(errorMessage(err));
      }
    };
    notification.success({
      key,
      title,
      description: detail(result),
      duration: UNDO_SECONDS,
      showProgress: true,
      pauseOnHover: true,
      actions: (
        <Button type="primary" size="small" onClick={undo} data-testid="bulk-undo">
          Annuler
        </Button>
      ),
    });
    return true;
  };

  const statusMenu = {
    items: CONTACT_STATUSES.map((s) => ({ key: s, label: CONTACT_STATUS_LABELS[s] })),
    onClick: ({ key }: { key: string }) => {
      const status = key as (typeof CONTACT_STATUSES)[number];
      void run(
        { action: 'status', status },
        (r) => describe(r, `passé${r.done > 1 ? 's' : ''} en « ${CONTACT_STATUS_LABELS[status]} »`),
        'Statut modifié',
      );
    },
  };

  return (
    <Flex
      gap={12}
      align="center"
      wrap
      style={{ padding: '8px 12px', background: 'rgba(22, 119, 255, 0.06)', borderRadius: 8 }}
      data-testid="contacts-bulk-bar"
    >
      <Typography.Text strong>
        {formatCount(selected.length, 'contact')} sélectionné{selected.length > 1 ? 's' : ''}
      </Typography.Text>
      <Space wrap>
        <Button icon={<TagOutlined />} onClick={() => setTagOpen(true)} disabled={pending} data-testid="bulk-tag">
          Ajouter un tag
        </Button>
        <Dropdown menu={statusMenu} trigger={['click']} disabled={pending}>
          <Button data-testid="bulk-status">
            Changer le statut <DownOutlined />
          </Button>
        </Dropdown>
        {canAssign && (
          <Button
            icon={<UserSwitchOutlined />}
            onClick={() => setAssignOpen(true)}
            disabled={pending}
            data-testid="bulk-assign"
          >
            Assigner
          </Button>
        )}
        {canDelete && (
          <Popconfirm
            title={`Supprimer ${what(selected.length)} ?`}
            description="Vous pourrez annuler pendant quelques secondes."
            okText="Supprimer"
            cancelText="Annuler"
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              run({ action: 'delete' }, (r) => describe(r, `supprimé${r.done > 1 ? 's' : ''}`), 'Contacts supprimés')
            }
          >
            <Button danger icon={<DeleteOutlined />} disabled={pending} data-testid="bulk-delete">
              Supprimer
            </Button>
          </Popconfirm>
        )}
        <Button type="text" icon={<CloseOutlined />} onClick={onClear} disabled={pending}>
          Désélectionner
        </Button>
      </Space>

      <TagModal
        open={tagOpen}
        count={selected.length}
        onClose={() => setTagOpen(false)}
        onSubmit={async (tag) => {
          const ok = await run(
            { action: 'addTag', tag },
            (r) => describe(r, `tagué${r.done > 1 ? 's' : ''} « ${tag} »`),
            'Tag ajouté',
          );
          if (ok) setTagOpen(false);
        }}
        pending={pending}
      />
      {canAssign && (
        <AssignModal
          open={assignOpen}
          count={selected.length}
          options={assigneeOptions}
          pending={pending}
          onClose={() => setAssignOpen(false)}
          onSubmit={async (value, label) => {
            const assignedTo = value === UNASSIGNED ? null : value;
            const ok = await run(
              { action: 'assign', assignedTo },
              (r) =>
                describe(
                  r,
                  assignedTo ? `assigné${r.done > 1 ? 's' : ''} à ${label}` : `désassigné${r.done > 1 ? 's' : ''}`,
                ),
              'Contacts assignés',
            );
            if (ok) setAssignOpen(false);
          }}
        />
      )}
    </Flex>
  );
}

function TagModal({
  open,
  count,
  pending,
  onClose,
  onSubmit,
}: {
  open: boolean;
  count: number;
  pending: boolean;
  onClose: () => void;
  onSubmit: (tag: string) => Promise<void>;
}) {
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string>();
  const { suggestions } = useTagSuggestions(tag, open);
  const submit = () => {
    const value = tag.trim();
    const refused = tagError(value);
    if (refused) return setError(refused);
    void onSubmit(value).then(() => setTag(''));
  };
  return (
    <Modal
      open={open}
      title={`Ajouter un tag à ${what(count)}`}
      okText="Ajouter"
      cancelText="Annuler"
      onOk={submit}
      onCancel={() => !pending && onClose()}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Flex vertical gap={8}>
        <Input
          autoFocus
          value={tag}
          maxLength={40}
          status={error ? 'error' : undefined}
          placeholder="Nom du tag"
          onChange={(e) => {
            setTag(e.target.value);
            setError(undefined);
          }}
          onPressEnter={submit}
          aria-label="Tag à ajouter"
          data-testid="bulk-tag-input"
        />
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        {suggestions.length > 0 && (
          <Flex gap={6} wrap>
            <Typography.Text type="secondary">Tags existants :</Typography.Text>
            {suggestions.slice(0, 12).map((s) => (
              <Button key={s.tag} size="small" onClick={() => setTag(s.tag)}>
                {s.tag}
              </Button>
            ))}
          </Flex>
        )}
      </Flex>
    </Modal>
  );
}

function AssignModal({
  open,
  count,
  options,
  pending,
  onClose,
  onSubmit,
}: {
  open: boolean;
  count: number;
  options: AssigneeOption[];
  pending: boolean;
  onClose: () => void;
  onSubmit: (value: string, label: string) => Promise<void>;
}) {
  const [value, setValue] = useState<string>();
  return (
    <Modal
      open={open}
      title={`Assigner ${what(count)}`}
      okText="Assigner"
      cancelText="Annuler"
      okButtonProps={{ disabled: !value }}
      confirmLoading={pending}
      onOk={() => value && onSubmit(value, options.find((o) => o.value === value)?.label ?? '')}
      onCancel={() => !pending && onClose()}
      destroyOnHidden
    >
      <Select
        autoFocus
        value={value}
        onChange={setValue}
        options={options}
        placeholder="Choisissez un commercial"
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: '100%' }}
        aria-label="Commercial à assigner"
        data-testid="bulk-assign-select"
      />
    </Modal>
  );
}
