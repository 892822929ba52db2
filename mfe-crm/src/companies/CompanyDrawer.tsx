/**
 * Detail of a company (`?entreprise=<id>`): identity, figures, and the contacts, deals and latest activities
 * the caller may read.
 */
import { useState, type ReactNode } from 'react';
import { Button, Descriptions, Drawer, Empty, Flex, List, Result, Typography, type DescriptionsProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import {
  errorMessage,
  formatDate,
  formatDateTime,
  formatEuros,
  formatCount,
  fullName,
  navigateTo,
  queryState,
} from '@digiweb/shared-ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DEPARTMENTS, type CompanyDetailDto, type GeoPrecision } from '@digiweb/api/contracts';
import { StatusTag as ActivityStatusTag, TypeIcon } from '../activities/display';
import { Assignee } from '../contacts/display';
import { Owner, StageTag } from '../deals/display';
import { getCompany, updateCompany } from './api';
import { NotesEditor } from '../NotesEditor';
import { companyKeys } from './keys';
import { CompanyFormModal } from './CompanyFormModal';
import { formatHeadcount, formatRevenue, StatusTag } from './display';

const PRECISION_LABELS: Record<GeoPrecision, string> = {
  commune: 'commune',
  approximate: 'approximative (intercommunalité)',
  department: 'approximative (département)',
};
const DEPARTMENT_NAMES = new Map(DEPARTMENTS.map((d) => [d.code, d.name]));

/** A link that opens another CRM screen without reloading the portal. */
function ScreenLink({ href, children }: { href: string; children: string }) {
  return (
    <Typography.Link
      href={href}
      onClick={(e) => {
        e.preventDefault();
        navigateTo(href);
      }}
    >
      {children}
    </Typography.Link>
  );
}

/** The records linked to the company that the caller may read, with their count as title. */
function LinkedSection<T>(props: {
  label: string;
  noun: string;
  testId: string;
  items: T[];
  renderItem: (item: T) => ReactNode;
  /** How many there are when `items` is only the first ones. */
  total?: number;
  empty?: string;
}) {
  const total = props.total ?? props.items.length;
  return (
    <section aria-label={props.label}>
      <Typography.Title level={5}>
        {formatCount(total, props.noun)}
        {total > props.items.length && (
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
            ({props.items.length} plus récentes)
          </Typography.Text>
        )}
      </Typography.Title>
      <List
        size="small"
        bordered
        data-testid={props.testId}
        dataSource={props.items}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={props.empty ?? `Aucun ${props.noun} que vous pouvez consulter`}
            />
          ),
        }}
        renderItem={props.renderItem}
      />
    </section>
  );
}

function Body({
  company,
  canUpdate,
  onSaved,
}: {
  company: CompanyDetailDto;
  canUpdate: boolean;
  onSaved: (company: CompanyDetailDto) => void;
}) {
  const c = company;
  const items: DescriptionsProps['items'] = [
    { key: 'status', label: 'Statut', children: <StatusTag status={c.status} /> },
    {
      key: 'industry',
      label: 'Secteur',
      children: c.industry ? `${c.industry}${c.nafCode ? ` (NAF ${c.nafCode})` : ''}` : '—',
    },
    { key: 'headcount', label: 'Effectif', children: formatHeadcount(c.headcount) },
    { key: 'revenue', label: "Chiffre d'affaires", children: formatRevenue(c.revenue) },
    { key: 'legalForm', label: 'Forme juridique', children: c.legalForm ?? '—' },
    { key: 'siren', label: 'SIREN / SIRET', children: c.siret ?? c.siren ?? '—' },
    {
      key: 'address',
      label: 'Adresse',
      children: [c.address, [c.postalCode, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—',
    },
    {
      key: 'position',
      label: 'Position',
      children:
        c.department && c.geoPrecision
          ? `${DEPARTMENT_NAMES.get(c.department) ?? c.department} (${c.department}) — ${PRECISION_LABELS[c.geoPrecision]}`
          : 'Inconnue : complétez le code postal',
    },
    {
      key: 'notes',
      label: 'Notes',
      children: (
        <NotesEditor
          notes={c.notes}
          editable={canUpdate}
          onSave={async (notes) => onSaved(await updateCompany(c.id, { notes }))}
          testId="company-notes"
        />
      ),
    },
  ];
  return (
    <Flex vertical gap={24}>
      <Descriptions column={1} size="small" bordered items={items} />
      <LinkedSection
        label="Contacts de l'entreprise"
        noun="contact"
        testId="company-contacts"
        items={c.contacts}
        renderItem={(x) => (
          <List.Item extra={<StatusTag status={x.status} />}>
            <List.Item.Meta
              title={<ScreenLink href={`/crm/contacts?contact=${x.id}`}>{`${x.firstName} ${x.lastName}`}</ScreenLink>}
              description={
                <Flex gap={12} wrap align="center">
                  {x.jobTitle && <span>{x.jobTitle}</span>}
                  <Assignee user={x.assignedTo} />
                </Flex>
              }
            />
          </List.Item>
        )}
      />
      <LinkedSection
        label="Deals de l'entreprise"
        noun="deal"
        testId="company-deals"
        items={c.deals}
        renderItem={(d) => (
          <List.Item extra={<Typography.Text strong>{formatEuros(d.amount)}</Typography.Text>}>
            <List.Item.Meta
              title={<ScreenLink href={`/crm/deals?vue=liste&deal=${d.id}`}>{d.title}</ScreenLink>}
              description={
                <Flex gap={12} wrap align="center">
                  <StageTag stage={d.stage} />
                  <span>Clôture prévue le {formatDate(d.expectedCloseDate)}</span>
                  <Owner user={d.owner} />
                </Flex>
              }
            />
          </List.Item>
        )}
      />
      <LinkedSection
        label="Activités de l'entreprise"
        noun="activité"
        testId="company-activities"
        items={c.activities}
        total={c.activityTotal}
        empty="Aucune activité que vous pouvez consulter"
        renderItem={(a) => (
          <List.Item extra={<ActivityStatusTag status={a.status} />}>
            <List.Item.Meta
              avatar={<TypeIcon type={a.type} />}
              title={<ScreenLink href={`/crm/activities?activite=${a.id}`}>{a.subject}</ScreenLink>}
              description={
                <Flex gap={12} wrap align="center">
                  <span>{formatDateTime(a.dueAt)}</span>
                  {a.contactName && <span>{a.contactName}</span>}
                  {a.owner && <span>{fullName(a.owner)}</span>}
                </Flex>
              }
            />
          </List.Item>
        )}
      />
    </Flex>
  );
}

interface Props {
  openId: string | null;
  canUpdate: boolean;
  onClose: () => void;
  /** The company was edited: the grid and the map refresh. */
  onUpdated: () => void;
}

export function CompanyDrawer({ openId, canUpdate, onClose, onUpdated }: Props) {
  const queryClient = useQueryClient();
  const detail = queryState(
    useQuery({
      queryKey: companyKeys.detail(openId ?? ''),
      queryFn: ({ signal }) => getCompany(openId!, signal),
      enabled: openId !== null,
    }),
  );
  const [editing, setEditing] = useState(false);
  const company = detail.data && detail.data.id === openId ? detail.data : undefined;

  return (
    <Drawer
      open={openId !== null}
      onClose={onClose}
      size={620}
      title={company?.name ?? 'Entreprise'}
      loading={!company && !detail.error && detail.loading}
      destroyOnHidden
      extra={
        canUpdate &&
        company && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="company-edit">
            Modifier
          </Button>
        )
      }
    >
      <div data-testid="company-detail">
        {company ? (
          <Body
            company={company}
            canUpdate={canUpdate}
            onSaved={(saved) => {
              queryClient.setQueryData(companyKeys.detail(saved.id), saved);
              onUpdated();
            }}
          />
        ) : (
          detail.error !== undefined && (
            <Result
              status="warning"
              title="Impossible d'afficher cette entreprise"
              subTitle={errorMessage(detail.error)}
              extra={<Button onClick={detail.reload}>Réessayer</Button>}
            />
          )
        )}
      </div>
      <CompanyFormModal
        company={editing && company ? company : null}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          queryClient.setQueryData(companyKeys.detail(saved.id), saved);
          setEditing(false);
          onUpdated();
        }}
      />
    </Drawer>
  );
}
