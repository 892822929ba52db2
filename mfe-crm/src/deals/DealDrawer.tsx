/** Detail of a deal: its fields, the dated history of its stages, and the actions the caller may take. */
import { useState, type ReactNode } from 'react';
import { App, Button, Descriptions, Drawer, Select, Space, Timeline, Typography, type DescriptionsProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import {
  DeleteButton,
  errorMessage,
  formatDate,
  formatDateTime,
  formatEuros,
  fullName,
  isNotFound,
  queryState,
  RecordBody,
} from '@digiweb/shared-ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  COMPANY_LABELS,
  DEAL_STAGES,
  DEAL_STAGE_LABELS,
  type DealCardDto,
  type DealDto,
  type DealStage,
} from '@digiweb/api/contracts';
import { changeDealOwner, getDeal } from './api';
import { DealFormModal, type OwnerOption } from './DealFormModal';
import { CloseDate, Owner, ProbabilityTag, StageTag, STAGE_ACCENTS } from './display';
import type { DealPermissions } from './hooks';
import { dealKeys } from './keys';

interface Props {
  /** Id of the deal to show; null when the drawer is closed. */
  dealId: string | null;
  /** The card that was clicked, shown while the full record loads. */
  initial?: DealCardDto;
  permissions: DealPermissions;
  ownerOptions: OwnerOption[];
  onClose: () => void;
  onChanged: (deal: DealDto) => void;
  /** Moves the deal (through the page: "Perdu" asks the loss reason first). */
  onStageChange: (deal: DealCardDto, stage: DealStage) => void;
  onDelete: (deal: DealCardDto) => Promise<void>;
}

type StageOption = { value: DealStage; label: string };
const STAGE_OPTIONS: StageOption[] = DEAL_STAGES.map((s) => ({ value: s, label: DEAL_STAGE_LABELS[s] }));

export function DealDrawer({
  dealId,
  initial,
  permissions,
  ownerOptions,
  onClose,
  onChanged,
  onStageChange,
  onDelete,
}: Props) {
  const [editing, setEditing] = useState(false);
  const queryClient = useQueryClient();
  // Moves and edits made elsewhere invalidate `dealKeys.all`: the drawer follows.
  const detail = queryState(
    useQuery({
      queryKey: dealKeys.detail(dealId ?? ''),
      queryFn: ({ signal }) => getDeal(dealId!, signal),
      enabled: dealId !== null,
    }),
  );
  const saved = (updated: DealDto) => {
    queryClient.setQueryData(dealKeys.detail(updated.id), updated);
    onChanged(updated);
  };
  const deal: DealDto | undefined = detail.data?.id === dealId ? detail.data : undefined;
  const shown: DealCardDto | undefined = deal ?? (initial?.id === dealId ? initial : undefined);
  const notFound = isNotFound(detail.error);

  const body = (
    <RecordBody
      detail={detail}
      record={shown}
      notFoundTitle="Deal introuvable"
      notFoundText="Ce deal n'existe pas, a été supprimé, ou vous n'y avez pas accès."
      errorTitle="Impossible de charger le deal"
      onClose={onClose}
    >
      {(d) => (
        <>
          <DealDetails
            deal={d}
            notes={deal?.notes}
            stageSlot={
              permissions.canUpdate(d) ? (
                <Select<DealStage, StageOption>
                  value={d.stage}
                  options={STAGE_OPTIONS}
                  optionRender={(o) => <StageTag stage={o.data.value} />}
                  labelRender={({ value }) => <StageTag stage={value as DealStage} />}
                  onChange={(stage) => onStageChange(d, stage)}
                  style={{ width: 200 }}
                  aria-label="Étape du deal"
                  data-testid="deal-stage-select"
                />
              ) : undefined
            }
            ownerSlot={
              permissions.canAssign && deal ? (
                <OwnerSelect deal={deal} options={ownerOptions} onChanged={saved} />
              ) : undefined
            }
          />
          <div>
            <Typography.Title level={5}>Historique des étapes</Typography.Title>
            {deal ? <StageHistory deal={deal} /> : <Typography.Text type="secondary">Chargement…</Typography.Text>}
          </div>
        </>
      )}
    </RecordBody>
  );

  const actions = deal && !notFound && (
    <Space>
      {permissions.canUpdate(deal) && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="deal-edit">
          Modifier
        </Button>
      )}
      {permissions.canDelete && (
        <DeleteButton question="Supprimer ce deal ?" onConfirm={() => onDelete(deal)} data-testid="deal-delete" />
      )}
    </Space>
  );

  return (
    <Drawer
      open={dealId !== null}
      onClose={onClose}
      size={620}
      title={shown ? shown.title : 'Deal'}
      extra={actions}
      loading={!shown && !detail.error && detail.loading}
      destroyOnHidden
    >
      <div data-testid="deal-drawer">{body}</div>
      {deal && (
        <DealFormModal
          open={editing}
          deal={deal}
          canAssign={false}
          ownerOptions={[]}
          onClose={() => setEditing(false)}
          onSaved={(deal) => {
            setEditing(false);
            saved(deal);
          }}
        />
      )}
    </Drawer>
  );
}

function StageHistory({ deal }: { deal: DealDto }) {
  return (
    <Timeline
      data-testid="deal-history"
      items={[...deal.stageHistory].reverse().map((h, i) => ({
        key: `${h.at}-${i}`,
        color: STAGE_ACCENTS[h.stage],
        content: (
          <div>
            <StageTag stage={h.stage} />
            <Typography.Text type="secondary">
              {formatDateTime(h.at)}
              {h.by ? ` · ${fullName(h.by)}` : ''}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

function DealDetails({
  deal: d,
  notes,
  stageSlot,
  ownerSlot,
}: {
  deal: DealCardDto;
  notes: string | undefined;
  stageSlot?: ReactNode;
  ownerSlot?: ReactNode;
}) {
  const items: DescriptionsProps['items'] = [
    { key: 'stage', label: 'Étape', children: stageSlot ?? <StageTag stage={d.stage} /> },
    { key: 'amount', label: 'Montant', children: formatEuros(d.amount, true) },
    { key: 'probability', label: 'Probabilité', children: <ProbabilityTag value={d.probability} /> },
    { key: 'weighted', label: 'Montant pondéré', children: formatEuros(d.weightedAmount, true) },
    { key: 'close', label: 'Clôture prévue', children: <CloseDate deal={d} /> },
    { key: 'contact', label: 'Contact', children: d.contactName },
    { key: 'company', label: 'Entreprise', children: d.companyName ?? '—' },
    { key: 'issuing', label: 'Société émettrice', children: COMPANY_LABELS[d.issuingCompany] },
    { key: 'owner', label: 'Propriétaire', children: ownerSlot ?? <Owner user={d.owner} /> },
    ...(d.stage === 'lost' ? [{ key: 'lossReason', label: 'Motif de perte', children: d.lossReason ?? '—' }] : []),
    ...(d.wonAt ? [{ key: 'wonAt', label: 'Gagné le', children: formatDate(d.wonAt) }] : []),
    ...(d.lostAt ? [{ key: 'lostAt', label: 'Perdu le', children: formatDate(d.lostAt) }] : []),
    {
      key: 'notes',
      label: 'Notes',
      children: notes ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{notes}</Typography.Paragraph>
      ) : (
        '—'
      ),
    },
    { key: 'createdAt', label: 'Créé le', children: formatDateTime(d.createdAt) },
    { key: 'updatedAt', label: 'Modifié le', children: formatDateTime(d.updatedAt) },
  ];
  return <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 170 } }} />;
}

function OwnerSelect({
  deal,
  options,
  onChanged,
}: {
  deal: DealDto;
  options: OwnerOption[];
  onChanged: (deal: DealDto) => void;
}) {
  const { message } = App.useApp();
  const current = deal.owner;
  // The current owner may not be in the list (a member who left): keep his name visible.
  const all =
    current && !options.some((o) => o.value === current.id)
      ? [...options, { value: current.id, label: fullName(current) }]
      : options;

  const { mutate, isPending: pending } = useMutation({
    mutationFn: (owner: string) => changeDealOwner(deal.id, owner),
    onSuccess: (updated) => {
      message.success(`Deal attribué à ${fullName(updated.owner)}`);
      onChanged(updated);
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const onChange = (owner: string) => {
    if (owner !== current?.id) mutate(owner);
  };

  return (
    <Select
      value={current?.id}
      options={all}
      onChange={onChange}
      loading={pending}
      disabled={pending}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
      aria-label="Propriétaire du deal"
      data-testid="deal-owner-select"
    />
  );
}
