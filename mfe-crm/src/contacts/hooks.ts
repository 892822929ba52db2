/** Data-fetching and state hooks of the contacts page. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAbility, useSession } from '@digiweb/shared-ui';
import type { ContactDto } from '@digiweb/api/contracts';
import { OBJECT_ID, parseQuery, queryKey, writeQuery, type ContactsQuery } from './query';

export interface RemoteData<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches again with the same key. */
  reload: () => void;
  /** Replaces the data locally (after a mutation that returned the new record). */
  setData: (update: (data: T | undefined) => T | undefined) => void;
}

interface RemoteState<T> {
  data: T | undefined;
  error: unknown;
  /** Request (key + reload count) whose answer `data`/`error` come from. */
  settled: string | undefined;
}

/**
 * Fetches `load` whenever `key` changes (nothing while `key` is null). The previous request is aborted
 * and its late answer ignored, so a slow response can never overwrite a newer one. Data of the previous
 * key stays visible while the next one loads.
 */
export function useRemoteData<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): RemoteData<T> {
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const [state, setState] = useState<RemoteState<T>>({ data: undefined, error: undefined, settled: undefined });
  const [nonce, setNonce] = useState(0);
  const request = key === null ? null : `${nonce}:${key}`;

  useEffect(() => {
    if (request === null) return;
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, settled: request });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ data: s.data, error, settled: request }));
      },
    );
    return () => controller.abort();
  }, [request]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback(
    (update: (data: T | undefined) => T | undefined) => setState((s) => ({ ...s, data: update(s.data) })),
    [],
  );
  const loading = request !== null && state.settled !== request;
  // While a new request runs, the previous error is no longer relevant.
  return { data: state.data, error: loading ? undefined : state.error, loading, reload, setData };
}

/** `value`, once it has not changed for `delay` ms. */
export function useDebouncedValue<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

const readParams = () => new URLSearchParams(window.location.search);
const readOpenId = (params: URLSearchParams) => {
  const id = params.get('contact');
  return id && OBJECT_ID.test(id) ? id : null;
};

/**
 * List query and opened contact, kept in the URL's query string (`?status=client&page=2&contact=<id>`)
 * so that a view can be shared or reloaded. Uses `replaceState` (no history entry per keystroke) and
 * follows URL changes made by others (back/forward, sidebar link).
 */
export function useContactsUrlState() {
  const [query, setQuery] = useState<ContactsQuery>(() => parseQuery(readParams()));
  const [openId, setOpenId] = useState<string | null>(() => readOpenId(readParams()));

  useEffect(() => {
    const params = readParams();
    writeQuery(params, query);
    if (openId) params.set('contact', openId);
    else params.delete('contact');
    const search = params.toString();
    const { pathname, hash } = window.location;
    const next = `${pathname}${search ? `?${search}` : ''}${hash}`;
    if (next !== `${pathname}${window.location.search}${hash}`) {
      window.history.replaceState(window.history.state, '', next);
    }
  }, [query, openId]);

  useEffect(() => {
    const onPopState = () => {
      const params = readParams();
      const fromUrl = parseQuery(params);
      setQuery((current) => (queryKey(current) === queryKey(fromUrl) ? current : fromUrl));
      setOpenId(readOpenId(params));
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  return { query, setQuery, openId, setOpenId };
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
}

/** What the caller may do with contacts, from the same rules as the API (which still enforces them). */
export function useContactPermissions(): ContactPermissions {
  const ability = useAbility();
  const { me } = useSession();
  const myId = me.user.id;
  return useMemo(() => {
    const someoneElse = myId === '0'.repeat(24) ? '1'.repeat(24) : '0'.repeat(24);
    return {
      canCreate: ability.can('create', 'Contact'),
      canAssign: ability.can('assign', 'Contact'),
      canDelete: ability.can('delete', 'Contact'),
      canReadOthers: ability.can('read', contactSubject(someoneElse)),
      canUpdate: (contact: ContactDto) => ability.can('update', contactSubject(contact.assignedTo?.id ?? null)),
    };
  }, [ability, myId]);
}
