/** What the kanban boards of the CRM (deals, contacts) share. */
import { pointerWithin, rectIntersection, type CollisionDetection } from '@dnd-kit/core';

/** The column under the pointer; when the pointer is between columns, the one the card overlaps most. */
export const columnCollision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length ? within : rectIntersection(args);
};
