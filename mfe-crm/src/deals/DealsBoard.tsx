/**
 * The kanban: six columns, cards dragged from one to another with dnd-kit (a floating copy follows
 * the pointer, so virtualised columns may recycle the original). A drop asks the page to move the
 * deal; the page opens the loss-reason modal first when the target is "Perdu".
 */
import {
  DndContext,
  DragOverlay,
  PointerSensor,
  useSensor,
  useSensors,
  type Active,
  type Announcements,
} from '@dnd-kit/core';
import { Flex, Spin } from 'antd';
import { DEAL_STAGE_LABELS, DEAL_STAGES, isDealStage, type DealCardDto, type DealStage } from '@digiweb/api/contracts';
import { BoardColumn } from './BoardColumn';
import { DealCard } from './DealCard';
import type { Board } from './useDealsBoard';
import { columnCollision, useCardDrag } from '../kanban';

const INSTRUCTIONS = {
  draggable: 'Maintenez le clic et faites glisser le deal vers une autre étape, ou ouvrez-le pour changer son étape.',
};
const stageName = (id: unknown) => (isDealStage(id) ? DEAL_STAGE_LABELS[id] : 'aucune étape');
const dealName = (active: Active) =>
  (active.data.current as { deal?: DealCardDto } | undefined)?.deal?.title ?? 'Le deal';
/** What screen readers hear while a card is dragged. */
const ANNOUNCEMENTS: Announcements = {
  onDragStart: ({ active }) => `${dealName(active)} est saisi.`,
  onDragOver: ({ active, over }) => `${dealName(active)} est au-dessus de l'étape ${stageName(over?.id)}.`,
  onDragEnd: ({ active, over }) => `${dealName(active)} a été déposé sur l'étape ${stageName(over?.id)}.`,
  onDragCancel: ({ active }) => `Déplacement de ${dealName(active)} annulé.`,
};

interface Props {
  board: Board | undefined;
  loading: boolean;
  onOpen: (deal: DealCardDto) => void;
  onLoadMore: (stage: DealStage) => void;
  onDrop: (deal: DealCardDto, stage: DealStage) => void;
  canDrag: (deal: DealCardDto) => boolean;
  /** The card last moved, to keep it in view in its new column. */
  reveal?: { id: string; stage: DealStage };
}

const stageOf = (deal: DealCardDto) => deal.stage;

export function DealsBoard({ board, loading, onOpen, onLoadMore, onDrop, canDrag, reveal }: Props) {
  // A small move before dragging starts, so that a click still opens the deal.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const { dragged, onDragStart, onDragEnd, onDragCancel } = useCardDrag({
    dataKey: 'deal',
    isColumn: isDealStage,
    columnOf: stageOf,
    onDrop,
  });

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={columnCollision}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
      accessibility={{ screenReaderInstructions: INSTRUCTIONS, announcements: ANNOUNCEMENTS }}
    >
      <Spin spinning={loading && !board} description="Chargement du pipeline…">
        <Flex
          gap={12}
          style={{ overflowX: 'auto', paddingBottom: 8, minHeight: 440 }}
          data-testid="deals-board"
          aria-busy={loading}
        >
          {board &&
            DEAL_STAGES.map((stage) => (
              <BoardColumn
                key={stage}
                column={board[stage]}
                onOpen={onOpen}
                onLoadMore={onLoadMore}
                canDrag={canDrag}
                revealId={reveal?.stage === stage ? reveal.id : undefined}
              />
            ))}
        </Flex>
      </Spin>
      <DragOverlay dropAnimation={null}>{dragged ? <DealCard deal={dragged} overlay /> : null}</DragOverlay>
    </DndContext>
  );
}
