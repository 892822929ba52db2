/** Detail of a contact with the actions the caller is allowed: edit, assign, delete. */
import { useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Popconfirm,
  Result,
  Select,
  Space,
  Tag,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { errorMessage, formatDateTime, fullName, problemOf, useRemoteData } from '@digiweb/shared-ui';
import { formatPhone, type ContactDto } from '@digiweb/api/contracts';
import { assignContact, getContact } from './api';
import { ContactFormModal, type AssigneeOption } from './ContactFormModal';
import { Assignee, QualityScore, StatusTag, formatSiret } from './display';
import type { ContactPermissions } from './hooks';
import { UNASSIGNED } from './query';

interface Props {
  /** Id of the contact to show; null when the drawer is closed. */
  contactId: string | null;
  /** The row that was clicked, shown while the fresh record loads. */
  initial?: ContactDto;
  permissions: ContactPermissions;
  assigneeOptions: AssigneeOption[];
  onClose: () => void;
  /** The contact changed (edited, reassigned): the list should refresh. */
  onChanged: (contact: ContactDto) => void;
  /** Deletes the contact (the page handles the toast and its undo). Rejects on failure. */
  onDelete: (contact: ContactDto) => Promise<void>;
}

const dash = (v: ReactNode) => (v === undefined || v === null || v === '' ? '—' : v);

export function ContactDrawer({ contactId, initial, permissions, assigneeOptions, onClose, onChanged, onDelete }: Props) {
  const detail = useRemoteData(contactId ? `contact:${contactId}` : null, (signal) =>
    getContact(contactId as string, signal),
  );
  const [editing, setEditing] = useState(false);

  const fresh = detail.data?.id === contactId ? detail.data : undefined;
  const contact = fresh ?? (initial?.id === contactId ? initial : undefined);
  const notFound = problemOf(detail.error)?.status === 404;

  let body: ReactNode;
  if (notFound) {
    body = (
      <Result
        status="404"
        title="Contact introuvable"
        subTitle="Ce contact n'existe plus ou vous n'y avez plus accès."
        extra={<Button onClick={onClose}>Fermer</Button>}
      />
    );
  } else if (!contact && detail.error) {
    body = (
      <Result
        status="error"
        title="Impossible de charger le contact"
        subTitle={errorMessage(detail.error)}
        extra={<Button onClick={detail.reload}>Réessayer</Button>}
      />
    );
  } else if (contact) {
    body = (
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
        <ContactDetails
          contact={contact}
          assignSlot={
            permissions.canAssign ? (
              <AssignSelect
                contact={contact}
                options={assigneeOptions}
                onAssigned={(updated) => {
                  detail.setData(() => updated);
                  onChanged(updated);
                }}
              />
            ) : undefined
          }
        />
      </Space>
    );
  }

  const actions = contact && !notFound && (
    <Space>
      {permissions.canUpdate(contact) && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="contact-edit">
          Modifier
        </Button>
      )}
      {permissions.canDelete && (
        <Popconfirm
          title="Supprimer ce contact ?"
          description="Vous pourrez annuler la suppression pendant quelques secondes."
          okText="Supprimer"
          cancelText="Annuler"
          okButtonProps={{ danger: true }}
          onConfirm={() => onDelete(contact).catch(() => undefined)}
        >
          <Button danger icon={<DeleteOutlined />} data-testid="contact-delete">
            Supprimer
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Drawer
      open={contactId !== null}
      onClose={onClose}
      size={600}
      title={contact ? fullName(contact) : 'Contact'}
      extra={actions}
      loading={!contact && !detail.error && detail.loading}
      destroyOnHidden
    >
      <div data-testid="contact-drawer">{body}</div>
      {contact && (
        <ContactFormModal
          open={editing}
          contact={contact}
          canAssign={false}
          assigneeOptions={[]}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            detail.setData(() => saved);
            onChanged(saved);
          }}
        />
      )}
    </Drawer>
  );
}

function ContactDetails({ contact: c, assignSlot }: { contact: ContactDto; assignSlot?: ReactNode }) {
  const addressLines = [c.address, [c.postalCode, c.city].filter(Boolean).join(' '), c.country].filter(Boolean);
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: 'Nom', children: fullName(c) },
    { key: 'jobTitle', label: 'Poste', children: dash(c.jobTitle) },
    { key: 'status', label: 'Statut', children: <StatusTag status={c.status} /> },
    { key: 'qualityScore', label: 'Score de qualité', children: <QualityScore score={c.qualityScore} /> },
    {
      key: 'email',
      label: 'E-mail',
      children: c.email ? <Typography.Link href={`mailto:${c.email}`}>{c.email}</Typography.Link> : '—',
    },
    {
      key: 'phone',
      label: 'Téléphone',
      children: c.phone ? <Typography.Link href={`tel:${c.phone}`}>{formatPhone(c.phone)}</Typography.Link> : '—',
    },
    { key: 'companyName', label: 'Entreprise', children: dash(c.companyName) },
    {
      key: 'siret',
      label: 'SIRET',
      children: c.siret ? <Typography.Text copyable={{ text: c.siret }}>{formatSiret(c.siret)}</Typography.Text> : '—',
    },
    { key: 'manager', label: 'Gérant', children: dash(c.manager) },
    {
      key: 'address',
      label: 'Adresse',
      children: addressLines.length ? addressLines.map((line) => <div key={line}>{line}</div>) : '—',
    },
    { key: 'source', label: 'Source', children: dash(c.source) },
    {
      key: 'tags',
      label: 'Tags',
      children: c.tags.length ? (
        <Space size={[4, 4]} wrap>
          {c.tags.map((t) => (
            <Tag key={t}>{t}</Tag>
          ))}
        </Space>
      ) : (
        '—'
      ),
    },
    { key: 'assignedTo', label: 'Commercial assigné', children: assignSlot ?? <Assignee user={c.assignedTo} /> },
    { key: 'createdAt', label: 'Créé le', children: formatDateTime(c.createdAt) },
    { key: 'updatedAt', label: 'Modifié le', children: formatDateTime(c.updatedAt) },
  ];
  return <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 170 } }} />;
}

function AssignSelect({
  contact,
  options,
  onAssigned,
}: {
  contact: ContactDto;
  options: AssigneeOption[];
  onAssigned: (contact: ContactDto) => void;
}) {
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const current = contact.assignedTo;
  // The current assignee may not be in the list (an admin, a member who left): keep his name visible.
  const allOptions =
    current && !options.some((o) => o.value === current.id)
      ? [...options, { value: current.id, label: fullName(current) }]
      : options;

  const onChange = async (value: string) => {
    const assignedTo = value === UNASSIGNED ? null : value;
    if (assignedTo === (current?.id ?? null)) return;
    setPending(true);
    try {
      const updated = await assignContact(contact.id, assignedTo);
      message.success(
        updated.assignedTo ? `Contact assigné à ${fullName(updated.assignedTo)}` : "Le contact n'est plus assigné",
      );
      onAssigned(updated);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <Select
      value={current?.id ?? UNASSIGNED}
      options={allOptions}
      onChange={onChange}
      loading={pending}
      disabled={pending}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
      aria-label="Commercial assigné"
      data-testid="contact-assign"
    />
  );
}
