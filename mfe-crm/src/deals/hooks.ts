/** URL state and permissions of the deals page. */
import { useMemo } from 'react';
import { useAbility, useSession, useUrlState, type UrlStateCodec } from '@digiweb/shared-ui';
import { isObjectId, subject, type DealCardDto } from '@digiweb/api/contracts';
import { parseQuery, stateKey, writeQuery, type DealsQuery } from './query';
import { usePartSetter } from '../url-state';

interface DealsUrlState {
  query: DealsQuery;
  /** The deal whose drawer is open (`?deal=<id>`). */
  openId: string | null;
}

const URL_CODEC: UrlStateCodec<DealsUrlState> = {
  parse: (params) => {
    const id = params.get('deal');
    return { query: parseQuery(params), openId: isObjectId(id) ? id : null };
  },
  write: (params, { query, openId }) => {
    writeQuery(params, query);
    if (openId) params.set('deal', openId);
    else params.delete('deal');
  },
  key: ({ query, openId }) => `${stateKey(query)}:${openId ?? ''}`,
};

/** View, filters and opened deal, kept in the query string so that a view can be shared or reloaded. */
export function useDealsUrlState() {
  const [{ query, openId }, setState] = useUrlState(URL_CODEC);
  const setQuery = usePartSetter(setState, 'query');
  const setOpenId = usePartSetter(setState, 'openId');
  return { query, setQuery, openId, setOpenId };
}

export interface DealPermissions {
  canCreate: boolean;
  /** Change the owner (admins): also shows the owner filter and picker. */
  canAssign: boolean;
  canDelete: boolean;
  canUpdate: (deal: Pick<DealCardDto, 'owner'>) => boolean;
}

/** What the caller may do with deals, from the same rules as the API (which still enforces them). */
export function useDealPermissions(): DealPermissions {
  const ability = useAbility();
  const { me } = useSession();
  return useMemo(
    () => ({
      canCreate: ability.can('create', subject('Deal', { owner: me.user.id })),
      canAssign: ability.can('assign', 'Deal'),
      canDelete: ability.can('delete', 'Deal'),
      canUpdate: (deal) => ability.can('update', subject('Deal', { owner: deal.owner?.id ?? null })),
    }),
    [ability, me.user.id],
  );
}
