/** Tags of the contacts: suggestions from the tags in the caller's scope, the filter, the editor. */
import { useState } from 'react';
import { App, Select, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { errorMessage, LOOKUP_STALE_TIME, useDebouncedValue } from '@digiweb/shared-ui';
import { MAX_TAGS, tagField, type ContactDto, type TagSuggestion } from '@digiweb/api/contracts';
import { fetchTags, updateContact } from './api';
import { contactKeys } from './keys';

/** Tags of the contacts in scope matching the search (most used first); loaded while `enabled`. */
export function useTagSuggestions(search: string, enabled = true) {
  const q = useDebouncedValue(search.trim(), 250);
  // A look-up: fetched once per search text and remote, refreshed when a contact's tags change.
  const remote = useQuery({
    queryKey: contactKeys.tags(q),
    queryFn: ({ signal }) => fetchTags(q, signal),
    enabled,
    staleTime: LOOKUP_STALE_TIME,
  });
  return {
    suggestions: remote.data ?? [],
    loading: remote.isFetching,
    error: remote.isFetching ? undefined : (remote.error ?? undefined),
    reload: remote.refetch as () => void,
  };
}

const optionOf = (s: TagSuggestion) => ({
  value: s.tag,
  label: (
    <span>
      {s.tag}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        ({s.count})
      </Typography.Text>
    </span>
  ),
  title: s.tag,
});

/** The "Tag" filter of the list: one tag, among those in scope. */
export function TagFilter({ value, onChange }: { value?: string; onChange: (tag: string | undefined) => void }) {
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const { suggestions, loading } = useTagSuggestions(search, open);
  // The tag in force stays selectable even when it is not among the suggestions.
  const options = suggestions.map(optionOf);
  if (value && !suggestions.some((s) => s.tag === value))
    options.unshift({ value, label: <span>{value}</span>, title: value });
  return (
    <Select<string>
      allowClear
      placeholder="Tous les tags"
      aria-label="Filtrer par tag"
      style={{ width: 170 }}
      value={value}
      options={options}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={setOpen}
      notFoundContent={loading ? 'Chargement…' : 'Aucun tag'}
      onChange={(tag) => {
        setSearch('');
        onChange(tag || undefined);
      }}
      data-testid="contacts-filter-tag"
    />
  );
}

/** A tag typed by a person, checked with the contract's rule; the French message when refused. */
export function tagError(tag: string): string | undefined {
  const r = tagField.safeParse(tag);
  return r.success ? undefined : r.error.issues[0]?.message;
}

/** Props of the fields of the contact drawer that save themselves (tags, solvency). */
export interface ContactFieldEditorProps {
  contact: ContactDto;
  /** The caller may update the contact; otherwise the value is only shown. */
  editable: boolean;
  onSaved: (c: ContactDto) => void;
}

/** Tags of a contact, editable in place (saved at each change) by those who may update it. */
export function TagsEditor({ contact, editable, onSaved }: ContactFieldEditorProps) {
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const { suggestions, loading } = useTagSuggestions(search, editable && open);

  if (!editable)
    return contact.tags.length ? (
      <>
        {contact.tags.map((t) => (
          <Tag key={t}>{t}</Tag>
        ))}
      </>
    ) : (
      <>—</>
    );

  const save = async (tags: string[]) => {
    const cleaned = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
    const refused = cleaned.map(tagError).find(Boolean);
    if (refused) return void message.error(refused);
    if (cleaned.length > MAX_TAGS) return void message.error(`${MAX_TAGS} tags au maximum.`);
    setSaving(true);
    try {
      const saved = await updateContact(contact.id, { tags: cleaned });
      message.success('Tags mis à jour');
      onSaved(saved);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
      setSearch('');
    }
  };

  return (
    <Select<string[]>
      mode="tags"
      value={contact.tags}
      options={suggestions.filter((s) => !contact.tags.includes(s.tag)).map(optionOf)}
      onChange={save}
      onOpenChange={setOpen}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      tokenSeparators={[',']}
      loading={loading || saving}
      disabled={saving}
      placeholder="Ajoutez des tags"
      notFoundContent={null}
      style={{ width: '100%' }}
      aria-label="Tags du contact"
      data-testid="contact-tags"
    />
  );
}
