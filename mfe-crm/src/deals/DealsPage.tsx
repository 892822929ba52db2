/**
 * CRM → Deals: the pipeline as a kanban (default; drag a card to change its stage) or as a
 * server-paginated list, with the same filters; detail drawer with the stage history; creation,
 * edition, owner change (admins) and undoable deletion.
 */
import { useCallback, useMemo, useState } from 'react';
import { App, Button, Flex, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PlusOutlined } from '@ant-design/icons';
import {
  errorMessage,
  formatEuros,
  fullName,
  ListBody,
  ListEmpty,
  ListHeader,
  LOOKUP_STALE_TIME,
  pageAfterEnd,
  queryState,
  useSession,
  useUndoableDelete,
} from '@digiweb/shared-ui';
import { DEAL_STAGE_LABELS, DEAL_STAGES, type DealCardDto, type DealStage } from '@digiweb/api/contracts';
import { dealListParams, deleteDeal, fetchOwnerCandidates, listDeals, moveDeal, restoreDeal } from './api';
import { ExportMenu } from '../ExportMenu';
import { DealDrawer } from './DealDrawer';
import { DealFormModal, type OwnerOption } from './DealFormModal';
import { DealsBoard } from './DealsBoard';
import { DealsTable } from './DealsTable';
import { DealsToolbar } from './DealsToolbar';
import { useDealPermissions, useDealsUrlState } from './hooks';
import { LossReasonModal } from './LossReasonModal';
import { dealKeys } from './keys';
import { DEFAULT_QUERY, hasFilters } from './query';
import { useDealsBoard } from './useDealsBoard';

export default function DealsPage() {
  const { message } = App.useApp();
  const { me } = useSession();
  const permissions = useDealPermissions();
  const { query, setQuery, openId, setOpenId } = useDealsUrlState();
  const kanban = query.view === 'kanban';

  const queryClient = useQueryClient();
  const board = useDealsBoard(query, kanban);
  const list = queryState(
    useQuery({
      queryKey: dealKeys.list(query),
      queryFn: ({ signal }) => listDeals(query, signal),
      enabled: !kanban,
      placeholderData: keepPreviousData,
    }),
  );
  const { move: boardMove } = board;

  const owners = useQuery({
    queryKey: dealKeys.owners(),
    queryFn: ({ signal }) => fetchOwnerCandidates(signal),
    enabled: permissions.canAssign,
    staleTime: LOOKUP_STALE_TIME,
  });
  const ownerOptions = useMemo<OwnerOption[]>(
    () =>
      (owners.data ?? []).map((m) => ({
        value: m.id,
        label: m.id === me.user.id ? `${fullName(m)} (moi)` : fullName(m),
      })),
    [owners.data, me.user.id],
  );

  const [clicked, setClicked] = useState<DealCardDto>();
  const [creating, setCreating] = useState(false);
  const [losing, setLosing] = useState<DealCardDto | null>(null);
  const [reveal, setReveal] = useState<{ id: string; stage: DealStage }>();

  const lastPage = kanban ? undefined : pageAfterEnd(list, query);
  if (lastPage !== undefined) setQuery((q) => ({ ...q, page: lastPage }));

  /** Board, list and the open deal are fetched again after a write. */
  const reload = useCallback(() => void queryClient.invalidateQueries({ queryKey: dealKeys.all }), [queryClient]);
  // A move from the list view (drawer): no card to move, the list is fetched again.
  const { mutateAsync: moveInList } = useMutation({
    mutationFn: ({ deal, stage, lossReason }: { deal: DealCardDto; stage: DealStage; lossReason?: string }) =>
      moveDeal(deal.id, lossReason ? { stage, lossReason } : { stage }),
    onError: (err) => message.error(`Le deal n'a pas pu être déplacé : ${errorMessage(err)}`),
    onSettled: reload,
  });
  const clearFilters = useCallback(
    () => setQuery((q) => ({ ...DEFAULT_QUERY, view: q.view, pageSize: q.pageSize, sort: q.sort })),
    [setQuery],
  );

  const openDeal = useCallback(
    (deal: DealCardDto) => {
      setClicked(deal);
      setOpenId(deal.id);
    },
    [setOpenId],
  );

  /** Saves a stage move (optimistic on the board); true when the server accepted it. */
  const saveMove = useCallback(
    async (deal: DealCardDto, stage: DealStage, lossReason?: string): Promise<boolean> => {
      // A refusal is rolled back and told by the board hook / the list mutation.
      try {
        if (kanban) {
          setReveal({ id: deal.id, stage });
          await boardMove(deal, stage, lossReason);
        } else {
          await moveInList({ deal, stage, lossReason });
        }
        message.success(`« ${deal.title} » passé en ${DEAL_STAGE_LABELS[stage]}`);
        return true;
      } catch {
        return false;
      }
    },
    [kanban, boardMove, moveInList, message],
  );

  /** A drop on the board or a stage chosen in the drawer: "Perdu" asks the loss reason first. */
  const requestMove = useCallback(
    (deal: DealCardDto, stage: DealStage) => {
      if (stage === deal.stage) return;
      if (stage === 'lost') setLosing(deal);
      else void saveMove(deal, stage);
    },
    [saveMove],
  );

  const undoableDelete = useUndoableDelete();
  const deleteWithUndo = useCallback(
    (deal: DealCardDto) =>
      undoableDelete({
        remove: () => deleteDeal(deal.id),
        restore: () => restoreDeal(deal.id),
        key: `deal-deleted-${deal.id}`,
        title: 'Deal supprimé',
        description: `« ${deal.title} » a été supprimé.`,
        restoredText: 'Deal restauré',
        onDeleted: () => {
          setOpenId(null);
          reload();
        },
        onRestored: reload,
        undoTestId: 'deal-undo',
      }),
    [undoableDelete, reload, setOpenId],
  );

  const totals = useMemo(() => {
    if (!board.data) return undefined;
    const cols = DEAL_STAGES.map((s) => board.data![s]);
    const open = cols.filter((c) => c.stage !== 'won' && c.stage !== 'lost');
    return {
      count: cols.reduce((s, c) => s + c.count, 0),
      openAmount: open.reduce((s, c) => s + c.amount, 0),
      openWeighted: open.reduce((s, c) => s + c.weighted, 0),
    };
  }, [board.data]);

  const emptyText = (
    <ListEmpty
      filtered={hasFilters(query)}
      onClearFilters={clearFilters}
      description="Aucun deal pour le moment."
      filteredDescription="Aucun deal ne correspond à ces critères."
    >
      {permissions.canCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          Nouveau deal
        </Button>
      )}
    </ListEmpty>
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="baseline" wrap gap={12}>
        <ListHeader title="Deals" total={kanban ? totals?.count : list.data?.total} noun="deal" />
        {kanban && totals && (
          <Typography.Text type="secondary" data-testid="deals-pipeline-total">
            Pipeline en cours : {formatEuros(totals.openAmount)} · pondéré {formatEuros(totals.openWeighted)}
          </Typography.Text>
        )}
        <div style={{ marginLeft: 'auto' }}>
          <ExportMenu list="deals" params={dealListParams(query)} />
        </div>
      </Flex>

      <DealsToolbar
        query={query}
        onQueryChange={setQuery}
        ownerOptions={permissions.canAssign ? ownerOptions : undefined}
        canCreate={permissions.canCreate}
        onCreate={() => setCreating(true)}
        onClearFilters={clearFilters}
      />

      {kanban ? (
        <ListBody list={board} errorTitle="Impossible de charger le pipeline">
          {totals?.count === 0 && !board.loading ? (
            emptyText
          ) : (
            <DealsBoard
              board={board.data}
              loading={board.loading}
              onOpen={openDeal}
              onLoadMore={board.loadMore}
              onDrop={requestMove}
              canDrag={permissions.canUpdate}
              reveal={reveal}
            />
          )}
        </ListBody>
      ) : (
        <ListBody list={list} errorTitle="Impossible de charger les deals">
          <DealsTable
            query={query}
            data={list.data}
            loading={list.loading}
            emptyText={emptyText}
            onQueryChange={setQuery}
            onOpen={openDeal}
          />
        </ListBody>
      )}

      <DealDrawer
        dealId={openId}
        initial={clicked}
        permissions={permissions}
        ownerOptions={ownerOptions}
        onClose={() => setOpenId(null)}
        onChanged={reload}
        onStageChange={requestMove}
        onDelete={deleteWithUndo}
      />

      <DealFormModal
        open={creating}
        canAssign={permissions.canAssign}
        ownerOptions={ownerOptions}
        onClose={() => setCreating(false)}
        onSaved={(deal) => {
          setCreating(false);
          if (!kanban) setQuery((q) => (q.page === 1 ? q : { ...q, page: 1 }));
          reload();
          openDeal(deal);
        }}
      />

      <LossReasonModal
        deal={losing}
        onCancel={() => setLosing(null)}
        onConfirm={async (reason) => {
          if (losing && (await saveMove(losing, 'lost', reason))) setLosing(null);
        }}
      />
    </Flex>
  );
}
