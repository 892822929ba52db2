/**
 * Detail of a contact with the actions the caller is allowed: edit, assign, delete, tags, Pappers
 * enrichment, solvency; and its interaction history in a second tab.
 */
import { useState, type ReactNode } from 'react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  InputNumber,
  Select,
  Space,
  Tabs,
  Tooltip,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { CloudDownloadOutlined, EditOutlined } from '@ant-design/icons';
import {
  DeleteButton,
  RecordBody,
  errorMessage,
  formatDate,
  formatDateTime,
  formatEuros,
  fullName,
  isNotFound,
  queryState,
} from '@digiweb/shared-ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ENRICHMENT_FIELD_LABELS, formatPhone, type ContactDto } from '@digiweb/api/contracts';
import { assignContact, enrichContact, getContact, setSolvency } from './api';
import { CompanyLinkNotice } from './CompanyLinkNotice';
import { ContactFormModal, type AssigneeOption } from './ContactFormModal';
import { ContactHistory } from './ContactHistory';
import { Assignee, QualityScore, SolvencyTag, StatusTag, formatSiret } from './display';
import type { ContactPermissions } from './hooks';
import { contactKeys } from './keys';
import { UNASSIGNED } from './query';
import { TagsEditor, type ContactFieldEditorProps } from './tags';

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

export function ContactDrawer({
  contactId,
  initial,
  permissions,
  assigneeOptions,
  onClose,
  onChanged,
  onDelete,
}: Props) {
  const queryClient = useQueryClient();
  const detail = queryState(
    useQuery({
      queryKey: contactKeys.detail(contactId ?? ''),
      queryFn: ({ signal }) => getContact(contactId as string, signal),
      enabled: contactId !== null,
    }),
  );
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState('details');

  const fresh = detail.data?.id === contactId ? detail.data : undefined;
  const saved = (updated: ContactDto) => {
    queryClient.setQueryData(contactKeys.detail(updated.id), updated);
    onChanged(updated);
  };
  const contact = fresh ?? (initial?.id === contactId ? initial : undefined);
  const notFound = isNotFound(detail.error);

  const body = (
    <RecordBody
      detail={detail}
      record={contact}
      notFoundTitle="Contact introuvable"
      notFoundText="Ce contact n'existe plus ou vous n'y avez plus accès."
      errorTitle="Impossible de charger le contact"
      onClose={onClose}
    >
      {(c) => (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            {
              key: 'details',
              label: 'Détails',
              children: (
                <ContactDetails
                  key={c.id}
                  contact={c}
                  editable={permissions.canUpdate(c)}
                  canDecideLink={permissions.canAssign}
                  onSaved={saved}
                  assignSlot={
                    permissions.canAssign ? (
                      <AssignSelect contact={c} options={assigneeOptions} onAssigned={saved} />
                    ) : undefined
                  }
                />
              ),
            },
            { key: 'history', label: 'Historique', children: <ContactHistory contactId={c.id} /> },
          ]}
        />
      )}
    </RecordBody>
  );

  const actions = contact && !notFound && (
    <Space>
      {contact.siret && permissions.canUpdate(contact) && <EnrichButton contact={contact} onEnriched={saved} />}
      {permissions.canUpdate(contact) && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="contact-edit">
          Modifier
        </Button>
      )}
      {permissions.canDelete && (
        <DeleteButton
          question="Supprimer ce contact ?"
          onConfirm={() => onDelete(contact)}
          data-testid="contact-delete"
        />
      )}
    </Space>
  );

  return (
    <Drawer
      open={contactId !== null}
      onClose={onClose}
      size={600}
      title={contact ? fullName(contact) : 'Contact'}
      afterOpenChange={(open) => !open && setTab('details')}
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
          onSaved={(updated) => {
            setEditing(false);
            saved(updated);
          }}
        />
      )}
    </Drawer>
  );
}

function ContactDetails({
  contact: c,
  editable,
  canDecideLink,
  onSaved,
  assignSlot,
}: {
  contact: ContactDto;
  editable: boolean;
  canDecideLink: boolean;
  onSaved: (c: ContactDto) => void;
  assignSlot?: ReactNode;
}) {
  const addressLines = [c.address, [c.postalCode, c.city].filter(Boolean).join(' '), c.country].filter(Boolean);
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: 'Nom', children: fullName(c) },
    { key: 'jobTitle', label: 'Poste', children: dash(c.jobTitle) },
    { key: 'status', label: 'Statut', children: <StatusTag status={c.status} /> },
    {
      key: 'qualityScore',
      label: 'Score de qualité',
      children: <QualityScore score={c.qualityScore} breakdown={c.qualityBreakdown} />,
    },
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
    {
      key: 'companyName',
      label: 'Entreprise',
      children: (
        <Flex vertical gap={4}>
          {dash(c.companyName)}
          <CompanyLinkNotice contact={c} canDecide={canDecideLink} onDecided={onSaved} />
        </Flex>
      ),
    },
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
    { key: 'tags', label: 'Tags', children: <TagsEditor contact={c} editable={editable} onSaved={onSaved} /> },
    {
      key: 'solvency',
      label: 'Solvabilité',
      children: <SolvencyEditor contact={c} editable={editable} onSaved={onSaved} />,
    },
    { key: 'assignedTo', label: 'Commercial assigné', children: assignSlot ?? <Assignee user={c.assignedTo} /> },
    { key: 'createdAt', label: 'Créé le', children: formatDateTime(c.createdAt) },
    { key: 'updatedAt', label: 'Modifié le', children: formatDateTime(c.updatedAt) },
  ];
  return (
    <Flex vertical gap={16}>
      <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 170 } }} />
      <RegistryDetails contact={c} />
    </Flex>
  );
}

/** Company data from the registry (Pappers enrichment), when there is any. */
function RegistryDetails({ contact: c }: { contact: ContactDto }) {
  const e = c.enrichment;
  if (!e) {
    return c.siret ? (
      <Typography.Text type="secondary">
        Aucune donnée Pappers pour le moment : utilisez « Enrichir (Pappers) » pour compléter la fiche à partir du
        SIRET.
      </Typography.Text>
    ) : null;
  }
  const items: DescriptionsProps['items'] = [
    { key: 'naf', label: 'Activité (NAF)', children: c.nafCode ? `${c.nafLabel ?? ''} (${c.nafCode})` : '—' },
    { key: 'legalForm', label: 'Forme juridique', children: dash(c.legalForm) },
    { key: 'headcount', label: 'Effectif', children: dash(c.headcount) },
    {
      key: 'revenue',
      label: "Chiffre d'affaires",
      children:
        c.revenue !== undefined ? `${formatEuros(c.revenue)}${c.revenueYear ? ` (${c.revenueYear})` : ''}` : '—',
    },
    {
      key: 'directors',
      label: 'Dirigeants',
      children: c.directors.length
        ? c.directors.map((d) => <div key={`${d.name}-${d.role}`}>{`${d.name} — ${d.role}`}</div>)
        : '—',
    },
  ];
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={items}
      styles={{ label: { width: 170 } }}
      data-testid="contact-registry"
      title={
        <Typography.Text strong>
          Données entreprise{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            — {e.demo ? 'source : démo (données générées, pas Pappers)' : 'source : Pappers'}, le {formatDate(e.at)}
          </Typography.Text>
        </Typography.Text>
      }
    />
  );
}

/** "Enrichir (Pappers)": fills the contact from the registry by its SIREN. */
function EnrichButton({ contact, onEnriched }: { contact: ContactDto; onEnriched: (c: ContactDto) => void }) {
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const enrich = async () => {
    setPending(true);
    try {
      const res = await enrichContact(contact.id);
      const source = res.source === 'démo' ? 'des données de démonstration' : 'Pappers';
      const fields = res.fields.map((f) => ENRICHMENT_FIELD_LABELS[f]);
      message.success(
        fields.length
          ? `Fiche enrichie depuis ${source} : ${fields.join(', ')}.`
          : `Fiche déjà à jour par rapport à ${source}.`,
      );
      onEnriched(res.contact);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <Tooltip
      title={
        contact.enrichment
          ? `Dernier enrichissement le ${formatDate(contact.enrichment.at)}`
          : 'Compléter à partir du SIRET'
      }
    >
      <Button icon={<CloudDownloadOutlined />} loading={pending} onClick={enrich} data-testid="contact-enrich">
        Enrichir (Pappers)
      </Button>
    </Tooltip>
  );
}

/** Solvency 0–100 entered by hand: there is no Coface connector yet. */
function SolvencyEditor({ contact, editable, onSaved }: ContactFieldEditorProps) {
  const { message } = App.useApp();
  const [value, setValue] = useState<number | null>(contact.solvency?.score ?? null);
  const [pending, setPending] = useState(false);
  const current = contact.solvency?.score ?? null;
  const save = async (score: number | null) => {
    setPending(true);
    try {
      const updated = await setSolvency(contact.id, score);
      message.success(score === null ? 'Score de solvabilité effacé' : 'Score de solvabilité enregistré');
      setValue(updated.solvency?.score ?? null);
      onSaved(updated);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <Flex vertical gap={6}>
      {contact.solvency ? (
        <SolvencyTag solvency={contact.solvency} />
      ) : (
        <Typography.Text type="secondary">Non renseignée</Typography.Text>
      )}
      {editable && (
        <Space wrap>
          <InputNumber<number>
            min={0}
            max={100}
            precision={0}
            value={value}
            onChange={(v) => setValue(v)}
            placeholder="0 à 100"
            aria-label="Score de solvabilité (0 à 100)"
            style={{ width: 110 }}
            disabled={pending}
            data-testid="contact-solvency-input"
          />
          <Button
            onClick={() => save(value)}
            loading={pending}
            disabled={value === null || value === current}
            data-testid="contact-solvency-save"
          >
            Enregistrer
          </Button>
          {current !== null && (
            <Button type="link" danger onClick={() => save(null)} disabled={pending}>
              Effacer
            </Button>
          )}
        </Space>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        Saisie manuelle (0 = risque maximal, 100 = très solvable) : aucun connecteur Coface n'est configuré.
      </Typography.Text>
    </Flex>
  );
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
