/** One stage of the kanban: header with the server's totals, and its cards, virtualised. */
import { memo, useEffect, useRef } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Badge, Button, Flex, Spin, Typography } from 'antd';
import { errorMessage, formatEuros } from '@digiweb/shared-ui';
import { DEAL_STAGE_LABELS, type DealCardDto, type DealStage } from '@digiweb/api/contracts';
import { CARD_HEIGHT, DraggableDealCard } from './DealCard';
import { STAGE_ACCENTS } from './display';
import type { BoardColumn as Column } from './useDealsBoard';

const GAP = 8;
const ROW = CARD_HEIGHT + GAP;

interface Props {
  column: Column;
  onOpen: (deal: DealCardDto) => void;
  onLoadMore: (stage: DealStage) => void;
  canDrag: (deal: DealCardDto) => boolean;
  /** A card just dropped here: scrolled into view if it is not. */
  revealId?: string;
}

export const BoardColumn = memo(function BoardColumn({ column, onOpen, onLoadMore, canDrag, revealId }: Props) {
  const { stage, items, nextCursor, loadingMore, loadError } = column;
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  const scroller = useRef<HTMLDivElement>(null);
  // One more row at the end while the server has more cards: reaching it loads them.
  const rows = items.length + (nextCursor ? 1 : 0);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 6,
    getItemKey: (i) => items[i]?.id ?? 'more',
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows.length ? virtualRows[virtualRows.length - 1]!.index : -1;

  useEffect(() => {
    if (nextCursor && !loadingMore && !loadError && lastIndex >= items.length) onLoadMore(stage);
  }, [lastIndex, items.length, nextCursor, loadingMore, loadError, onLoadMore, stage]);

  useEffect(() => {
    if (!revealId) return;
    const index = items.findIndex((d) => d.id === revealId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [revealId, items, virtualizer]);

  const label = DEAL_STAGE_LABELS[stage];
  return (
    <section
      ref={setNodeRef}
      data-testid={`deals-column-${stage}`}
      data-count={column.count}
      aria-label={`Étape ${label}`}
      style={{
        flex: '1 0 210px',
        maxWidth: 340,
        display: 'flex',
        flexDirection: 'column',
        background: isOver ? '#e6f4ff' : '#f5f5f5',
        outline: isOver ? '2px dashed #1677ff' : 'none',
        borderRadius: 8,
        borderTop: `3px solid ${STAGE_ACCENTS[stage]}`,
        height: 'max(440px, calc(100vh - 290px))',
        transition: 'background 120ms',
      }}
    >
      <header style={{ padding: '10px 12px 8px' }}>
        <Flex justify="space-between" align="center">
          <Typography.Text strong>{label}</Typography.Text>
          <Badge
            count={column.count}
            showZero
            overflowCount={99_999}
            color={STAGE_ACCENTS[stage]}
            data-testid={`deals-column-${stage}-count`}
            aria-label={`${column.count} deal${column.count > 1 ? 's' : ''}`}
          />
        </Flex>
        <Flex justify="space-between" style={{ fontSize: 12, marginTop: 4 }} data-testid={`deals-column-${stage}-totals`}>
          <span title="Montant total">{formatEuros(column.amount)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} title="Montant pondéré par la probabilité">
            Pondéré {formatEuros(column.weighted)}
          </Typography.Text>
        </Flex>
      </header>
      <div ref={scroller} style={{ flex: 1, overflowY: 'auto', padding: '0 8px 8px' }}>
        {items.length === 0 && !nextCursor ? (
          <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', padding: '24px 0', fontSize: 12 }}>
            Aucun deal à cette étape
          </Typography.Text>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualRows.map((row) => {
              const deal = items[row.index];
              return (
                <div
                  key={row.key}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${row.start}px)` }}
                >
                  {deal ? (
                    <DraggableDealCard deal={deal} onOpen={onOpen} disabled={!canDrag(deal)} />
                  ) : loadError ? (
                    <Flex vertical align="center" gap={4} style={{ paddingTop: 12 }}>
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {errorMessage(loadError)}
                      </Typography.Text>
                      <Button size="small" onClick={() => onLoadMore(stage)}>
                        Réessayer
                      </Button>
                    </Flex>
                  ) : (
                    <Flex justify="center" style={{ paddingTop: 16 }}>
                      <Spin size="small" description={`Chargement des deals suivants (${items.length} sur ${column.count})`} />
                    </Flex>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
});
