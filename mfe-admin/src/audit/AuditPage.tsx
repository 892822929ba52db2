/** Administration → Journal d'audit: sensitive actions (logins, deletions, role changes…), newest first. */
import { useMemo } from 'react';
import { Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime, fullName, LOOKUP_STALE_TIME } from '@digiweb/shared-ui';
import { AUDIT_ACTION_LABELS, type AuditEntryDto } from '@digiweb/api/contracts';
import { JournalPage } from '../journal';
import { adminKeys } from '../keys';
import { AUDIT_JOURNAL, fetchMembers } from './api';
import { ActionTag, AUDIT_ACTIONS, describeDetails, EntrySubject, formatIp, type MemberNames } from './display';

const ACTION_OPTIONS = AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] }));

export default function AuditPage() {
  const members = useQuery({
    queryKey: adminKeys.memberNames(),
    queryFn: ({ signal }) => fetchMembers(signal),
    staleTime: LOOKUP_STALE_TIME,
  });
  const names = useMemo<MemberNames>(
    () => new Map((members.data ?? []).map((m) => [m.id, fullName(m)])),
    [members.data],
  );

  const columns: TableColumnsType<AuditEntryDto> = [
    { key: 'at', title: 'Date', width: 145, render: (_, e) => formatDateTime(e.at) },
    { key: 'action', title: 'Action', width: 210, render: (_, e) => <ActionTag action={e.action} /> },
    {
      key: 'actor',
      title: 'Auteur',
      width: 220,
      ellipsis: true,
      render: (_, e) => e.actorEmail ?? <Typography.Text type="secondary">Système</Typography.Text>,
    },
    { key: 'subject', title: 'Objet', width: 150, render: (_, e) => <EntrySubject entry={e} names={names} /> },
    { key: 'ip', title: 'IP', width: 110, render: (_, e) => formatIp(e.ip) },
    { key: 'details', title: 'Détails', minWidth: 220, render: (_, e) => describeDetails(e, names) ?? '—' },
  ];

  return (
    <JournalPage
      journal={AUDIT_JOURNAL}
      title="Journal d'audit"
      noun="entrée"
      testId="audit"
      searchLabel="Rechercher par e-mail de l'auteur"
      filter={{
        label: 'Filtrer par action',
        placeholder: 'Toutes les actions',
        width: 260,
        options: ACTION_OPTIONS,
        render: (action) => <ActionTag action={action} />,
      }}
      errorTitle="Impossible de charger le journal d'audit"
      empty={{
        description: "Aucune entrée dans le journal pour l'instant.",
        filteredDescription: 'Aucune entrée ne correspond à ces critères.',
      }}
      table={{ columns, scroll: { x: 1055 } }}
    />
  );
}
