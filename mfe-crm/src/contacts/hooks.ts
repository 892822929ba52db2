/** State and permission hooks of the contacts page. */
import { useMemo } from 'react';
import { useAbility, useSession, useUrlState, type UrlStateCodec } from '@digiweb/shared-ui';
import { isObjectId, type ContactDto } from '@digiweb/api/contracts';
import { parseQuery, queryKey, readView, writeQuery, type ContactsQuery, type ContactsView } from './query';
import { usePartSetter } from '../url-state';

const readOpenId = (params: URLSearchParams) => {
  const id = params.get('contact');
  return isObjectId(id) ? id : null;
};

interface ContactsUrlState {
  query: ContactsQuery;
  /** The contact whose drawer is open. */
  openId: string | null;
  view: ContactsView;
}

const URL_CODEC: UrlStateCodec<ContactsUrlState> = {
  parse: (params) => ({ query: parseQuery(params), openId: readOpenId(params), view: readView(params) }),
  write: (params, { query, openId, view }) => {
    writeQuery(params, query);
    if (openId) params.set('contact', openId);
    else params.delete('contact');
    if (view === 'kanban') params.set('vue', 'kanban');
    else params.delete('vue');
  },
  key: ({ query, openId, view }) => `${queryKey(query)}:${openId ?? ''}:${view}`,
};

/**
 * List query and opened contact, kept in the URL's query string (`?status=client&page=2&contact=<id>`)
 * so that a view can be shared or reloaded.
 */
export function useContactsUrlState() {
  const [{ query, openId, view }, setState] = useUrlState(URL_CODEC);
  const setQuery = usePartSetter(setState, 'query');
  const setOpenId = usePartSetter(setState, 'openId');
  const setView = usePartSetter(setState, 'view');
  return { query, setQuery, openId, setOpenId, view, setView };
}

/** A CASL subject for a contact: only the owner field matters to the rules. */
export function contactSubject(assignedTo: string | null) {
  const subject: { __caslSubjectType__: 'Contact'; assignedTo: string | null } = {
    __caslSubjectType__: 'Contact',
    assignedTo,
  };
  return subject;
}

export interface ContactPermissions {
  canCreate: boolean;
  canAssign: boolean;
  canDelete: boolean;
  /** True when the caller sees contacts of other members (admin), false for "mine + unassigned". */
  canReadOthers: boolean;
  canUpdate: (contact: ContactDto) => boolean;
  /** The contact can be part of a bulk action by the caller (some bulk action applies to it). */
  canSelect: (contact: ContactDto) => boolean;
  /** The caller may update at least his own contacts (bulk status and tags). */
  canSelectAny: boolean;
}

/** What the caller may do with contacts, from the same rules as the API (which still enforces them). */
export function useContactPermissions(): ContactPermissions {
  const ability = useAbility();
  const { me } = useSession();
  const myId = me.user.id;
  return useMemo(() => {
    const someoneElse = myId === '0'.repeat(24) ? '1'.repeat(24) : '0'.repeat(24);
    const canUpdate = (contact: ContactDto) => ability.can('update', contactSubject(contact.assignedTo?.id ?? null));
    const owned = (action: 'assign' | 'delete', contact: ContactDto) =>
      ability.can(action, contactSubject(contact.assignedTo?.id ?? null));
    return {
      canCreate: ability.can('create', 'Contact'),
      canAssign: ability.can('assign', 'Contact'),
      canDelete: ability.can('delete', 'Contact'),
      canReadOthers: ability.can('read', contactSubject(someoneElse)),
      canUpdate,
      canSelect: (contact: ContactDto) => canUpdate(contact) || owned('assign', contact) || owned('delete', contact),
      canSelectAny: ability.can('update', 'Contact'),
    };
  }, [ability, myId]);
}
