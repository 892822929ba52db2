/**
 * Saved filters of the contacts list: the member names the current filters (search, status, assignee,
 * tag, sort, view) and applies or deletes them from a dropdown. Each member sees only his own.
 */
import { useState } from 'react';
import { App, Button, Dropdown, Flex, Form, Input, Modal, Popconfirm, Typography, type MenuProps } from 'antd';
import { DeleteOutlined, DownOutlined, FilterOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, fieldErrors, queryState } from '@digiweb/shared-ui';
import {
  contactSavedQuerySchema,
  savedFilterCreateSchema,
  type ContactSavedQuery,
  type SavedFilterDto,
} from '@digiweb/api/contracts';
import { deleteSavedFilter, listSavedFilters, saveFilter } from './api';
import { contactKeys } from './keys';
import { DEFAULT_QUERY, type ContactsQuery, type ContactsView } from './query';

/** The part of the screen's state a saved filter keeps (never the page). */
export function savedQueryOf(query: ContactsQuery, view: ContactsView): ContactSavedQuery {
  const saved: ContactSavedQuery = {};
  if (query.q) saved.q = query.q;
  if (query.status) saved.status = query.status;
  if (query.assignedTo) saved.assignedTo = query.assignedTo;
  if (query.tag) saved.tag = query.tag;
  if (query.sort !== DEFAULT_QUERY.sort) saved.sort = query.sort;
  if (view === 'kanban') saved.vue = 'kanban';
  return saved;
}

/** The screen's state a saved filter gives back; anything it holds that is no longer valid is dropped. */
export function queryOfSaved(saved: ContactSavedQuery, pageSize: number): { query: ContactsQuery; view: ContactsView } {
  const parsed = contactSavedQuerySchema.safeParse(saved);
  const s = parsed.success ? parsed.data : {};
  return {
    query: {
      ...DEFAULT_QUERY,
      pageSize,
      q: s.q ?? '',
      status: s.status,
      assignedTo: s.assignedTo,
      tag: s.tag,
      sort: s.sort ?? DEFAULT_QUERY.sort,
    },
    view: s.vue === 'kanban' ? 'kanban' : 'liste',
  };
}

interface Props {
  query: ContactsQuery;
  view: ContactsView;
  onApply: (saved: SavedFilterDto) => void;
  /** Whether the screen has filters worth saving. */
  canSave: boolean;
}

export function SavedFilters({ query, view, onApply, canSave }: Props) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [naming, setNaming] = useState(false);
  const queryClient = useQueryClient();
  const list = queryState(
    useQuery({
      queryKey: contactKeys.savedFilters(),
      queryFn: ({ signal }) => listSavedFilters(signal),
      enabled: open || naming,
    }),
  );

  const { mutateAsync: removeFilter } = useMutation({
    mutationFn: (f: SavedFilterDto) => deleteSavedFilter(f.id),
    onSuccess: (_done, f) => {
      message.success(`Filtre « ${f.name} » supprimé`);
      queryClient.setQueryData<SavedFilterDto[]>(contactKeys.savedFilters(), (items) =>
        items?.filter((i) => i.id !== f.id),
      );
    },
    onError: (err) => message.error(errorMessage(err)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactKeys.savedFilters() }),
  });
  const remove = (f: SavedFilterDto) => removeFilter(f).catch(() => undefined);

  const filters = list.data ?? [];
  const items: MenuProps['items'] = [
    ...(list.error !== undefined
      ? [
          {
            key: 'error',
            disabled: true,
            label: <Typography.Text type="danger">{errorMessage(list.error)}</Typography.Text>,
          },
        ]
      : list.loading && !list.data
        ? [{ key: 'loading', disabled: true, label: 'Chargement…' }]
        : filters.length
          ? filters.map((f) => ({
              key: f.id,
              label: (
                <Flex justify="space-between" align="center" gap={12} style={{ minWidth: 220 }}>
                  <span data-testid="saved-filter-item">{f.name}</span>
                  <Popconfirm
                    title={`Supprimer le filtre « ${f.name} » ?`}
                    okText="Supprimer"
                    cancelText="Annuler"
                    okButtonProps={{ danger: true }}
                    onConfirm={(e) => {
                      e?.stopPropagation();
                      return remove(f);
                    }}
                    onCancel={(e) => e?.stopPropagation()}
                  >
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`Supprimer le filtre ${f.name}`}
                      onClick={(e) => e.stopPropagation()}
                    />
                  </Popconfirm>
                </Flex>
              ),
            }))
          : [{ key: 'empty', disabled: true, label: 'Aucun filtre enregistré' }]),
    { type: 'divider' as const },
    {
      key: 'save',
      icon: <SaveOutlined />,
      disabled: !canSave,
      label: canSave ? 'Enregistrer les filtres actuels…' : 'Choisissez des filtres pour les enregistrer',
    },
  ];

  return (
    <>
      <Dropdown
        open={open}
        onOpenChange={(next, info) => {
          if (info.source === 'trigger' || !next) setOpen(next);
        }}
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'save') {
              setOpen(false);
              setNaming(true);
              return;
            }
            const f = filters.find((i) => i.id === key);
            if (f) {
              setOpen(false);
              onApply(f);
            }
          },
        }}
      >
        <Button icon={<FilterOutlined />} data-testid="saved-filters">
          Filtres enregistrés <DownOutlined />
        </Button>
      </Dropdown>
      <SaveFilterModal
        open={naming}
        saved={savedQueryOf(query, view)}
        onClose={() => setNaming(false)}
        onSaved={(f) => {
          setNaming(false);
          queryClient.setQueryData<SavedFilterDto[]>(contactKeys.savedFilters(), (items) =>
            [...(items ?? []), f].sort((a, b) => a.name.localeCompare(b.name, 'fr')),
          );
        }}
      />
    </>
  );
}

function SaveFilterModal({
  open,
  saved,
  onClose,
  onSaved,
}: {
  open: boolean;
  saved: ContactSavedQuery;
  onClose: () => void;
  onSaved: (f: SavedFilterDto) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async ({ name }: { name: string }) => {
    const parsed = savedFilterCreateSchema.shape.name.safeParse(name ?? '');
    if (!parsed.success) return form.setFields([{ name: 'name', errors: [parsed.error.issues[0]!.message] }]);
    setSaving(true);
    try {
      const f = await saveFilter(parsed.data, saved);
      message.success(`Filtre « ${f.name} » enregistré`);
      form.resetFields();
      onSaved(f);
    } catch (err) {
      const fields = fieldErrors(err).filter((e) => e.name === 'name');
      if (fields.length) form.setFields(fields.map((e) => ({ name: 'name', errors: e.errors })));
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="Enregistrer les filtres"
      okText="Enregistrer"
      cancelText="Annuler"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => !saving && onClose()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} disabled={saving}>
        <Form.Item name="name" label="Nom du filtre" required>
          <Input autoFocus maxLength={60} placeholder="Mes prospects SEO à Lyon" data-testid="saved-filter-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
