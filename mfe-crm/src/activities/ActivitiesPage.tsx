/**
 * CRM → Activités: calls, e-mails, meetings and video calls, as a timeline (`?vue=timeline`) or a month
 * calendar (`?vue=calendrier`), with filters, a detail drawer, creation, completion and undoable deletion.
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { App, Button, Flex, Segmented, Spin } from 'antd';
import { CalendarOutlined, NodeIndexOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage, fullName, ListBody, ListEmpty, ListHeader, useSession } from '@digiweb/shared-ui';
import { parisDayKey, type ActivityDto } from '@digiweb/api/contracts';
import { useDirectory } from '../lookups';
import { activityListParams, deleteActivity, restoreActivity } from './api';
import { ExportMenu } from '../ExportMenu';
import { ActivitiesToolbar } from './ActivitiesToolbar';
import { ActivityCalendar } from './ActivityCalendar';
import { ActivityDrawer } from './ActivityDrawer';
import { ActivityFormModal, type OwnerOption } from './ActivityFormModal';
import { ActivityTimeline } from './ActivityTimeline';
import { useActivitiesUrlState, useActivityPermissions, useTimeline } from './hooks';
import { activityKeys } from './keys';
import { DEFAULT_FILTERS, hasFilters, type ActivitiesView } from './query';

/** How long the "Annuler" button of a deletion stays available, in seconds. */
const UNDO_SECONDS = 8;

const VIEW_OPTIONS: { value: ActivitiesView; label: string; icon: ReactNode }[] = [
  { value: 'timeline', label: 'Chronologie', icon: <NodeIndexOutlined /> },
  { value: 'calendrier', label: 'Calendrier', icon: <CalendarOutlined /> },
];

export default function ActivitiesPage() {
  const { message, notification } = App.useApp();
  const { me } = useSession();
  const permissions = useActivityPermissions();
  const { view, filters, month, openId, setFilters, setView, setMonth, setOpenId } = useActivitiesUrlState();
  const queryClient = useQueryClient();
  const timeline = useTimeline(filters);
  /** The calendar's months are fetched again when activities change. */
  const refreshCalendar = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: activityKeys.calendars() }),
    [queryClient],
  );

  // Admins see, filter and create activities of the whole team (look-ups cached for the remote).
  const sales = useDirectory('sales', permissions.canAssign);
  const admins = useDirectory('admin', permissions.canAssign);
  const ownerOptions = useMemo<OwnerOption[]>(() => {
    const others = (sales.data && admins.data ? [...sales.data, ...admins.data] : [])
      .filter((m) => m.id !== me.user.id)
      .map((m) => ({ value: m.id, label: fullName(m) }));
    return [{ value: me.user.id, label: `${fullName(me.user)} (moi)` }, ...others];
  }, [sales.data, admins.data, me.user]);

  const [clicked, setClicked] = useState<ActivityDto>();
  const [creating, setCreating] = useState(false);

  const clearFilters = useCallback(() => setFilters((f) => ({ ...DEFAULT_FILTERS, sort: f.sort })), [setFilters]);
  const open = useCallback(
    (a: ActivityDto) => {
      setClicked(a);
      setOpenId(a.id);
    },
    [setOpenId],
  );
  const changed = useCallback(() => void queryClient.invalidateQueries({ queryKey: activityKeys.all }), [queryClient]);

  const deleteWithUndo = useCallback(
    async (a: ActivityDto) => {
      try {
        await deleteActivity(a.id);
      } catch (err) {
        message.error(errorMessage(err));
        throw err;
      }
      setOpenId(null);
      timeline.remove(a.id);
      refreshCalendar();
      const key = `activity-deleted-${a.id}`;
      const undo = async () => {
        notification.destroy(key);
        try {
          await restoreActivity(a.id);
          message.success('Activité restaurée');
          changed();
        } catch (err) {
          message.error(errorMessage(err));
        }
      };
      notification.success({
        key,
        title: 'Activité supprimée',
        description: `« ${a.subject} » a été supprimée.`,
        duration: UNDO_SECONDS,
        showProgress: true,
        pauseOnHover: true,
        actions: (
          <Button type="primary" size="small" onClick={undo} data-testid="activity-undo">
            Annuler
          </Button>
        ),
      });
    },
    [changed, message, notification, setOpenId, timeline, refreshCalendar],
  );

  const filtered = hasFilters(filters);
  const createButton = permissions.canCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      Nouvelle activité
    </Button>
  );

  let timelineBody: ReactNode;
  if (timeline.items === undefined) {
    timelineBody = (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  } else if (timeline.items.length === 0 && !timeline.loading) {
    timelineBody = (
      <div data-testid="activities-timeline">
        <ListEmpty
          filtered={filtered}
          onClearFilters={clearFilters}
          description="Aucune activité pour le moment."
          filteredDescription="Aucune activité ne correspond à ces critères."
        >
          {createButton}
        </ListEmpty>
      </div>
    );
  } else {
    timelineBody = (
      <Spin spinning={timeline.loading}>
        <ActivityTimeline
          items={timeline.items}
          total={timeline.total ?? timeline.items.length}
          showOwner={permissions.canReadOthers}
          loadingMore={timeline.loadingMore}
          hasMore={timeline.hasMore}
          onLoadMore={timeline.loadMore}
          onOpen={open}
        />
      </Spin>
    );
  }

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <ListHeader title="Activités" total={view === 'timeline' ? timeline.total : undefined} noun="activité" />
        <Flex gap={12} wrap align="center">
          <ExportMenu list="activities" params={activityListParams(filters)} />
          <Segmented<ActivitiesView>
            value={view}
            onChange={setView}
            options={VIEW_OPTIONS}
            aria-label="Vue des activités"
            data-testid="activities-view"
          />
        </Flex>
      </Flex>

      <ActivitiesToolbar
        view={view}
        filters={filters}
        onFiltersChange={setFilters}
        ownerOptions={permissions.canAssign ? ownerOptions : undefined}
        canCreate={permissions.canCreate}
        onCreate={() => setCreating(true)}
        onClearFilters={clearFilters}
      />

      {view === 'timeline' ? (
        <ListBody
          list={{ data: timeline.items, error: timeline.error, reload: timeline.retry }}
          errorTitle="Impossible de charger les activités"
        >
          {timelineBody}
        </ListBody>
      ) : (
        <ActivityCalendar month={month} onMonthChange={setMonth} filters={filters} onOpen={(id) => setOpenId(id)} />
      )}

      <ActivityDrawer
        activityId={openId}
        initial={clicked}
        permissions={permissions}
        onClose={() => setOpenId(null)}
        onChanged={(a) => {
          timeline.replace(a);
          refreshCalendar();
        }}
        onDelete={deleteWithUndo}
      />

      <ActivityFormModal
        open={creating}
        canAssign={permissions.canAssign}
        ownerOptions={ownerOptions}
        onClose={() => setCreating(false)}
        onSaved={(a) => {
          setCreating(false);
          changed();
          // Show the new activity's month.
          if (view === 'calendrier') setMonth(parisDayKey(a.dueAt).slice(0, 7));
        }}
      />
    </Flex>
  );
}
