/**
 * Administration → Tâches de fond: the background jobs (imports, reminders, score refresh…), those
 * running and failed first. A failed job can be re-queued, after confirmation; the row shows the
 * new state at once.
 */
import { useState } from 'react';
import { App, Button, Popconfirm, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { api, errorMessage, formatDateTime, useAbility } from '@digiweb/shared-ui';
import { JOB_STATE_LABELS, JOB_STATES, type BackgroundJobDto, type JobState } from '@digiweb/api/contracts';
import { defineJournal, JournalPage } from '../journal';

const JOBS_JOURNAL = defineJournal<JobState, BackgroundJobDto>('/admin/jobs', 'state', JOB_STATES);

const STATE_COLORS: Record<JobState, string> = {
  queued: 'blue',
  running: 'processing',
  failed: 'red',
  completed: 'green',
};

function StateTag({ state }: { state: JobState }) {
  return <Tag color={STATE_COLORS[state]}>{JOB_STATE_LABELS[state]}</Tag>;
}

const INTERVALS: Record<string, string> = {
  '1 minute': 'chaque minute',
  '1 hour': 'chaque heure',
  '1 day': 'chaque jour',
};
const everyText = (interval: string) => INTERVALS[interval] ?? `tous les ${interval}`;

function attemptsText(j: BackgroundJobDto): string {
  if (j.state === 'failed') return `${j.failCount} sur ${j.maxAttempts}`;
  return j.failCount ? `${j.failCount} échec${j.failCount > 1 ? 's' : ''}, ${j.maxAttempts} au plus` : '—';
}

function RetryButton({ job, onRetried }: { job: BackgroundJobDto; onRetried: (j: BackgroundJobDto) => void }) {
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const retry = async () => {
    setPending(true);
    try {
      const { data } = await api.post<BackgroundJobDto>(`/admin/jobs/${job.id}/retry`, {});
      message.success(`Tâche « ${job.label} » relancée : elle repart pour ${data.maxAttempts} tentative(s).`);
      onRetried(data);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <Popconfirm
      title="Relancer cette tâche ?"
      description={`« ${job.label} » sera remise en file d'attente et retentée depuis le début.`}
      okText="Relancer"
      cancelText="Annuler"
      onConfirm={retry}
    >
      <Button size="small" icon={<RedoOutlined />} loading={pending} data-testid={`job-retry-${job.id}`}>
        Relancer
      </Button>
    </Popconfirm>
  );
}

export default function JobsPage() {
  const ability = useAbility();
  const canRetry = ability.can('update', 'BackgroundJob');
  // Jobs re-queued from this page, shown with their new state until the list is reloaded.
  const [retried, setRetried] = useState<Record<string, BackgroundJobDto>>({});
  const current = (j: BackgroundJobDto) => retried[j.id] ?? j;

  const columns: TableColumnsType<BackgroundJobDto> = [
    { key: 'state', title: 'État', width: 110, render: (_, j) => <StateTag state={current(j).state} /> },
    {
      key: 'label',
      title: 'Tâche',
      width: 260,
      render: (_, j) => (
        <>
          <div>{j.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {j.name}
            {j.repeatInterval ? ` · ${everyText(j.repeatInterval)}` : ''}
          </Typography.Text>
        </>
      ),
    },
    { key: 'summary', title: 'Données', width: 180, ellipsis: true, render: (_, j) => j.summary || '—' },
    { key: 'attempts', title: 'Tentatives', width: 150, render: (_, j) => attemptsText(current(j)) },
    {
      key: 'when',
      title: 'Dernière exécution',
      width: 150,
      render: (_, j) => (j.lastRunAt ? formatDateTime(j.lastRunAt) : '—'),
    },
    {
      key: 'next',
      title: 'Prochaine',
      width: 150,
      render: (_, j) => (current(j).nextRunAt ? formatDateTime(current(j).nextRunAt!) : '—'),
    },
    {
      key: 'error',
      title: 'Dernière erreur',
      width: 260,
      ellipsis: true,
      render: (_, j) =>
        j.lastError ? (
          <Tooltip title={j.failedAt ? `Échec le ${formatDateTime(j.failedAt)}` : undefined}>
            <Typography.Text type={current(j).state === 'failed' ? 'danger' : 'secondary'}>
              {j.lastError}
            </Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      title: '',
      width: 120,
      render: (_, j) =>
        canRetry && current(j).state === 'failed' ? (
          <RetryButton job={j} onRetried={(updated) => setRetried((r) => ({ ...r, [j.id]: updated }))} />
        ) : null,
    },
  ];

  return (
    <JournalPage
      journal={JOBS_JOURNAL}
      title="Tâches de fond"
      noun="tâche"
      testId="jobs"
      intro={
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          Imports, rappels et mises à jour exécutés par le serveur. Une tâche en échec a épuisé ses tentatives :
          corrigez la cause indiquée, puis relancez-la.
        </Typography.Paragraph>
      }
      searchLabel="Rechercher une tâche par son nom"
      filter={{
        label: 'Filtrer par état',
        placeholder: 'Tous les états',
        width: 200,
        options: JOB_STATES.map((s) => ({ value: s, label: JOB_STATE_LABELS[s] })),
        render: (state) => <StateTag state={state} />,
      }}
      errorTitle="Impossible de charger les tâches de fond"
      empty={{
        description: "Aucune tâche de fond pour l'instant.",
        filteredDescription: 'Aucune tâche ne correspond à ces critères.',
      }}
      table={{ columns, scroll: { x: 1420 } }}
    />
  );
}
