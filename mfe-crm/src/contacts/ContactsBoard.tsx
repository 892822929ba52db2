/**
 * Kanban of the contacts by status (Lead / Prospect / Client). Counts and pages come from the server
 * (scoped); a card is dragged to another column to change the contact's status — moved at once, put
 * back with a toast if the server refuses. Only the contacts the caller may update can be dragged.
 */
import { memo, useCallback, useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { App, Badge, Button, Card, Empty, Flex, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { errorMessage, fullName, ListBody, useRemoteData } from '@digiweb/shared-ui';
import {
  CONTACT_STATUSES,
  CONTACT_STATUS_LABELS,
  isContactStatus,
  type ContactBoardDto,
  type ContactDto,
  type ContactStatus,
} from '@digiweb/api/contracts';
import { fetchBoard, fetchColumn, updateContact } from './api';
import { Assignee, QualityScore, STATUS_COLORS } from './display';
import type { ContactPermissions } from './hooks';
import { queryKey, type ContactsQuery } from './query';
import { columnCollision } from '../kanban';

type Column = ContactBoardDto['columns'][number];

interface Props {
  query: ContactsQuery;
  /** Changes when the data changed elsewhere (drawer, creation): the board reloads. */
  reloadKey: number;
  permissions: ContactPermissions;
  onOpen: (contact: ContactDto) => void;
  /** A card moved: the list (other view) is stale. */
  onMoved: () => void;
}

function moveCard(board: ContactBoardDto, id: string, to: ContactStatus, card: ContactDto, index = 0): ContactBoardDto {
  return {
    columns: board.columns.map((col) => {
      const had = col.items.some((c) => c.id === id);
      let items = col.items.filter((c) => c.id !== id);
      let count = col.count - (had ? 1 : 0);
      if (col.status === to) {
        items = [...items.slice(0, index), card, ...items.slice(index)];
        count += 1;
      }
      return { ...col, items, count };
    }),
  };
}

export default function ContactsBoard({ query, reloadKey, permissions, onOpen, onMoved }: Props) {
  const { message } = App.useApp();
  const board = useRemoteData(`board:${queryKey({ ...query, page: 1, status: undefined })}:${reloadKey}`, (signal) =>
    fetchBoard(query, signal),
  );
  const { setData } = board;
  const [loadingMore, setLoadingMore] = useState<Partial<Record<ContactStatus, boolean>>>({});
  const [dragged, setDragged] = useState<ContactDto | null>(null);
  const sensors = useSensors(
    // A small move before dragging starts, so that a click still opens the contact.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );

  const loadMore = useCallback(
    async (col: Column) => {
      if (!col.nextCursor) return;
      setLoadingMore((s) => ({ ...s, [col.status]: true }));
      try {
        const page = await fetchColumn(query, col.status, col.nextCursor);
        setData(
          (b) =>
            b && {
              columns: b.columns.map((c) =>
                c.status === col.status
                  ? {
                      ...c,
                      items: [...c.items, ...page.items.filter((i) => !c.items.some((x) => x.id === i.id))],
                      nextCursor: page.nextCursor,
                    }
                  : c,
              ),
            },
        );
      } catch (err) {
        message.error(errorMessage(err));
      } finally {
        setLoadingMore((s) => ({ ...s, [col.status]: false }));
      }
    },
    [query, setData, message],
  );

  const move = useCallback(
    async (contact: ContactDto, to: ContactStatus) => {
      const from = contact.status;
      const fromIndex =
        board.data?.columns.find((c) => c.status === from)?.items.findIndex((c) => c.id === contact.id) ?? 0;
      setData((b) => b && moveCard(b, contact.id, to, { ...contact, status: to }));
      try {
        const saved = await updateContact(contact.id, { status: to });
        setData(
          (b) =>
            b && {
              columns: b.columns.map((c) => ({ ...c, items: c.items.map((i) => (i.id === saved.id ? saved : i)) })),
            },
        );
        message.success(`${fullName(contact)} est passé en « ${CONTACT_STATUS_LABELS[to]} »`);
        onMoved();
      } catch (err) {
        // Put the card back where it was.
        setData((b) => b && moveCard(b, contact.id, from, contact, Math.max(0, fromIndex)));
        message.error(`${fullName(contact)} n'a pas pu changer de statut : ${errorMessage(err)}`);
      }
    },
    [board.data, setData, message, onMoved],
  );

  const onDragStart = useCallback((e: DragStartEvent) => {
    setDragged((e.active.data.current as { contact: ContactDto } | undefined)?.contact ?? null);
  }, []);
  const onDragEnd = useCallback(
    (e: DragEndEvent) => {
      setDragged(null);
      const contact = (e.active.data.current as { contact: ContactDto } | undefined)?.contact;
      const target = e.over?.id;
      if (contact && isContactStatus(target) && target !== contact.status) void move(contact, target);
    },
    [move],
  );

  return (
    <ListBody list={board} errorTitle="Impossible de charger le tableau">
      <DndContext
        sensors={sensors}
        collisionDetection={columnCollision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragged(null)}
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
            {(
              board.data?.columns ??
              CONTACT_STATUSES.map((status) => ({ status, count: 0, items: [], nextCursor: null }))
            ).map((col) => (
              <BoardColumn
                key={col.status}
                column={col}
                loadingMore={Boolean(loadingMore[col.status])}
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
  loadingMore,
  onLoadMore,
  onOpen,
  canDrag,
}: {
  column: Column;
  loadingMore: boolean;
  onLoadMore: (col: Column) => void;
  onOpen: (contact: ContactDto) => void;
  canDrag: (contact: ContactDto) => boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: column.status });
  const label = CONTACT_STATUS_LABELS[column.status];
  return (
    <section
      ref={setNodeRef}
      aria-label={`Colonne ${label}`}
      data-testid={`contacts-column-${column.status}`}
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
        <Tag color={STATUS_COLORS[column.status]} style={{ fontSize: 14, padding: '2px 10px' }}>
          {label}
        </Tag>
        <Badge
          count={column.count}
          showZero
          overflowCount={99999}
          color="#8c8c8c"
          data-testid={`contacts-column-count-${column.status}`}
        />
      </Flex>
      <Flex vertical gap={8}>
        {column.items.map((c) => (
          <DraggableCard key={c.id} contact={c} onOpen={onOpen} disabled={!canDrag(c)} />
        ))}
        {column.count === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`Aucun contact en « ${label} »`} />
        )}
        {column.nextCursor && (
          <Button block loading={loadingMore} onClick={() => onLoadMore(column)}>
            Afficher plus ({column.count - column.items.length} restant
            {column.count - column.items.length > 1 ? 's' : ''})
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
