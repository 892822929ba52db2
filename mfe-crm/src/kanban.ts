/** What the kanban boards of the CRM (deals, contacts) share. */
import { useCallback, useState } from 'react';
import {
  pointerWithin,
  rectIntersection,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';

/** The column under the pointer; when the pointer is between columns, the one the card overlaps most. */
export const columnCollision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length ? within : rectIntersection(args);
};

interface CardDragOptions<Card, Column> {
  /** Where the draggables keep their card in their data (`useDraggable({ data: { [dataKey]: card } })`). */
  dataKey: string;
  isColumn: (id: unknown) => id is Column;
  columnOf: (card: Card) => Column;
  /** A card dropped on another column than its own. */
  onDrop: (card: Card, to: Column) => void;
}

/** The card being dragged (for the DragOverlay) and the DndContext handlers of a board. */
export function useCardDrag<Card, Column>({ dataKey, isColumn, columnOf, onDrop }: CardDragOptions<Card, Column>) {
  const [dragged, setDragged] = useState<Card | null>(null);
  const onDragStart = useCallback(
    (event: DragStartEvent) =>
      setDragged((event.active.data.current as Record<string, Card> | undefined)?.[dataKey] ?? null),
    [dataKey],
  );
  const onDragEnd = useCallback(
    (event: DragEndEvent) => {
      setDragged(null);
      const card = (event.active.data.current as Record<string, Card> | undefined)?.[dataKey];
      const target = event.over?.id;
      if (card && isColumn(target) && target !== columnOf(card)) onDrop(card, target);
    },
    [dataKey, isColumn, columnOf, onDrop],
  );
  const onDragCancel = useCallback(() => setDragged(null), []);
  return { dragged, onDragStart, onDragEnd, onDragCancel };
}
