/**
 * Kanban of the contacts by status (Lead / Prospect / Client). Counts and pages come from the server
 * (scoped); a card is dragged to another column to change the contact's status — moved at once, put
 * back with a toast if the server refuses. Only the contacts the caller may update can be dragged.
 */
import { memo, useCallback, useMemo } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { App, Badge, Button, Card, Empty, Flex, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { errorMessage, fullName, ListBody, useBoard, type BoardColumnView } from '@digiweb/shared-ui';
import {
  CONTACT_STATUSES,
  CONTACT_STATUS_LABELS,
  isContactStatus,
  type ContactDto,
  type ContactStatus,
} from '@digiweb/api/contracts';
import { fetchBoard, fetchColumn, updateContact } from './api';
import { Assignee, QualityScore, STATUS_COLORS } from './display';
import type { ContactPermissions } from './hooks';
import { contactKeys } from './keys';
import type { ContactsQuery } from './query';
import { columnCollision, useCardDrag } from '../kanban';

type Column = BoardColumnView<ContactStatus, ContactDto, { count: number }>;

interface Props {
  query: ContactsQuery;
  permissions: ContactPermissions;
  onOpen: (contact: ContactDto) => void;
}

const getId = (c: ContactDto) => c.id;
const getColumn = (c: ContactDto) => c.status;
const placeCard = (c: ContactDto, status: ContactStatus): ContactDto => ({ ...c, status });
const countCard = (t: { count: number }, _c: ContactDto, sign: 1 | -1) => ({ count: t.count + sign });
const saveMove = (c: ContactDto, status: ContactStatus) => updateContact(c.id, { status });
const moveError = (c: ContactDto, err: unknown) => `${fullName(c)} n'a pas pu changer de statut : ${errorMessage(err)}`;
const EMPTY_COLUMNS: Column[] = CONTACT_STATUSES.map((key) => ({
  key,
  totals: { count: 0 },
  items: [],
  nextCursor: null,
  loadingMore: false,
  loadError: undefined,
}));

export default function ContactsBoard({ query, permissions, onOpen }: Props) {
  const { message } = App.useApp();
  const board = useBoard<ContactStatus, ContactDto, { count: number }>({
    queryKey: contactKeys.board(query),
    fetchBoard: async (signal) =>
      (await fetchBoard(query, signal)).columns.map(({ status, count, items, nextCursor }) => ({
        key: status,
        totals: { count },
        items,
        nextCursor,
      })),
    fetchColumn: (status, cursor, signal) => fetchColumn(query, status, cursor, signal),
    getId,
    getColumn,
    placeCard,
    countCard,
    saveMove,
    moveError,
    // The list (other view) and the open drawer follow the new status.
    invalidates: [contactKeys.all],
  });
  const { loadMore: loadColumn, move: moveOnBoard } = board;
  const sensors = useSensors(
    // A small move before dragging starts, so that a click still opens the contact.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );

  const loadMore = useCallback(
    async (col: Column) => {
      const { error } = await loadColumn(col.key);
      if (error) message.error(errorMessage(error));
    },
    [loadColumn, message],
  );

  /** Moved at once; the board hook puts the card back and says why when the server refuses. */
  const move = useCallback(
    async (contact: ContactDto, to: ContactStatus) => {
      try {
        await moveOnBoard(contact, to);
        message.success(`${fullName(contact)} est passé en « ${CONTACT_STATUS_LABELS[to]} »`);
      } catch {
        // Rolled back and told already.
      }
    },
    [moveOnBoard, message],
  );
  const columns = useMemo(() => board.columns ?? EMPTY_COLUMNS, [board.columns]);

  const drop = useCallback((contact: ContactDto, to: ContactStatus) => void move(contact, to), [move]);
  const { dragged, onDragStart, onDragEnd, onDragCancel } = useCardDrag({
    dataKey: 'contact',
    isColumn: isContactStatus,
    columnOf: getColumn,
    onDrop: drop,
  });

  return (
    <ListBody list={board} errorTitle="Impossible de charger le tableau">
      <DndContext
        sensors={sensors}
        collisionDetection={columnCollision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
        accessibility={{
          screenReaderInstructions: {
            draggable:
              'Pour changer le statut, appuyez sur Espace, déplacez le contact avec les flèches vers une autre colonne, puis appuyez de nouveau sur Espace.',
          },
        }}
      >
        <Spin spinning={board.loading && !board.data} description="Chargement du tableau…">
          <Flex
            gap={12}
            style={{ overflowX: 'auto', paddingBottom: 8, minHeight: 420 }}
            data-testid="contacts-board"
            aria-busy={board.loading}
          >
            {columns.map((col) => (
              <BoardColumn
                key={col.key}
                column={col}
                onLoadMore={loadMore}
                onOpen={onOpen}
                canDrag={permissions.canUpdate}
              />
            ))}
          </Flex>
        </Spin>
        <DragOverlay dropAnimation={null}>{dragged ? <ContactCard contact={dragged} overlay /> : null}</DragOverlay>
      </DndContext>
    </ListBody>
  );
}

const BoardColumn = memo(function BoardColumn({
  column,
  onLoadMore,
  onOpen,
  canDrag,
}: {
  column: Column;
  onLoadMore: (col: Column) => void;
  onOpen: (contact: ContactDto) => void;
  canDrag: (contact: ContactDto) => boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: column.key });
  const label = CONTACT_STATUS_LABELS[column.key];
  const count = column.totals.count;
  return (
    <section
      ref={setNodeRef}
      aria-label={`Colonne ${label}`}
      data-testid={`contacts-column-${column.key}`}
      style={{
        flex: '1 0 280px',
        maxWidth: 420,
        borderRadius: 8,
        padding: 8,
        background: isOver ? 'rgba(22, 119, 255, 0.10)' : 'rgba(0, 0, 0, 0.03)',
        outline: isOver ? '2px dashed #1677ff' : undefined,
        transition: 'background 120ms',
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px' }}>
        <Tag color={STATUS_COLORS[column.key]} style={{ fontSize: 14, padding: '2px 10px' }}>
          {label}
        </Tag>
        <Badge
          count={count}
          showZero
          overflowCount={99999}
          color="#8c8c8c"
          data-testid={`contacts-column-count-${column.key}`}
        />
      </Flex>
      <Flex vertical gap={8}>
        {column.items.map((c) => (
          <DraggableCard key={c.id} contact={c} onOpen={onOpen} disabled={!canDrag(c)} />
        ))}
        {count === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`Aucun contact en « ${label} »`} />}
        {column.nextCursor && (
          <Button block loading={column.loadingMore} onClick={() => onLoadMore(column)}>
            Afficher plus ({count - column.items.length} restant
            {count - column.items.length > 1 ? 's' : ''})
          </Button>
        )}
      </Flex>
    </section>
  );
});

const ContactCard = memo(function ContactCard({
  contact: c,
  onOpen,
  overlay,
  locked,
}: {
  contact: ContactDto;
  onOpen?: (c: ContactDto) => void;
  overlay?: boolean;
  locked?: boolean;
}) {
  return (
    <Card
      size="small"
      hoverable={!overlay}
      onClick={onOpen && (() => onOpen(c))}
      style={{
        cursor: overlay ? 'grabbing' : 'pointer',
        boxShadow: overlay ? '0 8px 24px rgba(0,0,0,0.18)' : undefined,
      }}
      styles={{ body: { padding: '8px 10px', display: 'flex', flexDirection: 'column', gap: 4 } }}
    >
      <Flex justify="space-between" gap={6}>
        <Typography.Text strong ellipsis>
          {fullName(c)}
        </Typography.Text>
        {locked && (
          <Tooltip title="Seul le commercial assigné ou un administrateur peut changer son statut">
            <LockOutlined style={{ color: '#8c8c8c' }} aria-label="Déplacement non autorisé" />
          </Tooltip>
        )}
      </Flex>
      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
        {[c.jobTitle, c.companyName].filter(Boolean).join(' · ') || '—'}
      </Typography.Text>
      <Flex justify="space-between" align="center" gap={6}>
        <QualityScore score={c.qualityScore} />
        <span style={{ fontSize: 12 }}>
          <Assignee user={c.assignedTo} />
        </span>
      </Flex>
      {c.tags.length > 0 && (
        <Space size={[4, 4]} wrap>
          {c.tags.slice(0, 3).map((t) => (
            <Tag key={t} style={{ marginInlineEnd: 0 }}>
              {t}
            </Tag>
          ))}
          {c.tags.length > 3 && <Typography.Text type="secondary">+{c.tags.length - 3}</Typography.Text>}
        </Space>
      )}
    </Card>
  );
});

const DraggableCard = memo(function DraggableCard({
  contact,
  onOpen,
  disabled,
}: {
  contact: ContactDto;
  onOpen: (c: ContactDto) => void;
  disabled: boolean;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: contact.id,
    data: { contact },
    disabled,
  });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      role="button"
      aria-label={`${fullName(contact)} : ${disabled ? 'ouvrir la fiche' : 'ouvrir la fiche ou faire glisser vers un autre statut'}`}
      aria-disabled={undefined}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(contact);
        else listeners?.onKeyDown?.(e);
      }}
      data-testid={`contact-card-${contact.id}`}
      data-draggable={disabled ? 'false' : 'true'}
      style={{ opacity: isDragging ? 0.35 : 1, touchAction: disabled ? undefined : 'none', outlineOffset: 2 }}
    >
      <ContactCard contact={contact} onOpen={onOpen} locked={disabled} />
    </div>
  );
});
