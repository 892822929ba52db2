/** A deal on the kanban: title, company / contact, amount, probability, closing date, owner. */
import { memo, type CSSProperties } from 'react';
import { useDraggable } from '@dnd-kit/core';
import { Card, Flex, Typography } from 'antd';
import { formatEuros } from '@digiweb/shared-ui';
import type { DealCardDto } from '@digiweb/api/contracts';
import { CloseDate, Owner, ProbabilityTag, counterpart } from './display';

/** Fixed height of a card (the columns are virtualised with rows of this size plus a gap). */
export const CARD_HEIGHT = 128;

interface CardProps {
  deal: DealCardDto;
  onOpen?: (deal: DealCardDto) => void;
  /** The floating copy under the pointer while dragging. */
  overlay?: boolean;
  style?: CSSProperties;
}

export const DealCard = memo(function DealCard({ deal, onOpen, overlay, style }: CardProps) {
  return (
    <Card
      size="small"
      hoverable={!overlay}
      onClick={onOpen && (() => onOpen(deal))}
      style={{
        height: CARD_HEIGHT,
        cursor: overlay ? 'grabbing' : 'pointer',
        boxShadow: overlay ? '0 8px 24px rgba(0,0,0,0.18)' : undefined,
        ...style,
      }}
      styles={{ body: { padding: '8px 10px', height: '100%', display: 'flex', flexDirection: 'column', gap: 4 } }}
    >
      <Typography.Text
        strong
        style={{
          lineHeight: '18px',
          height: 36,
          flexShrink: 0,
          overflow: 'hidden',
          display: '-webkit-box',
          WebkitLineClamp: 2,
          WebkitBoxOrient: 'vertical',
        }}
      >
        {deal.title}
      </Typography.Text>
      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, flexShrink: 0 }}>
        {counterpart(deal)}
      </Typography.Text>
      <Flex align="center" gap={6} style={{ whiteSpace: 'nowrap' }}>
        <Typography.Text strong>{formatEuros(deal.amount)}</Typography.Text>
        <ProbabilityTag value={deal.probability} />
      </Flex>
      <Flex justify="space-between" align="center" gap={6} style={{ minWidth: 0 }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Owner user={deal.owner} compact />
        </div>
        <span style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          <CloseDate deal={deal} />
        </span>
      </Flex>
    </Card>
  );
});

/** A card the user can drag to another column (and click to open). */
export const DraggableDealCard = memo(function DraggableDealCard({
  deal,
  onOpen,
  disabled,
}: {
  deal: DealCardDto;
  onOpen: (deal: DealCardDto) => void;
  disabled: boolean;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: deal.id, data: { deal }, disabled });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      role="button"
      aria-label={`${deal.title}, ${formatEuros(deal.amount)} : ouvrir ou faire glisser vers une autre étape`}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(deal);
      }}
      data-testid={`deal-card-${deal.id}`}
      style={{ opacity: isDragging ? 0.35 : 1, touchAction: 'none', outlineOffset: 2 }}
    >
      <DealCard deal={deal} onOpen={onOpen} />
    </div>
  );
});
