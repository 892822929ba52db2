/** Calls of the deals API. Every read takes an AbortSignal so that stale requests can be cancelled. */
import { api } from '@digiweb/shared-ui';
import type {
  ContactDto,
  DealBoardDto,
  DealColumnDto,
  DealCreateInput,
  DealCardDto,
  DealDto,
  DealStage,
  DealStageMoveInput,
  DealUpdateInput,
  Paginated,
  Role,
  UserSummary,
} from '@digiweb/api/contracts';
import { filterParams, type DealsQuery } from './query';

const dealUrl = (id: string, suffix = '') => `/crm/deals/${encodeURIComponent(id)}${suffix}`;

/** What the list asks the API for (the export sends the same, without the paging). */
export function dealListParams(query: DealsQuery): Record<string, string | number> {
  const params = { ...filterParams(query), page: query.page, pageSize: query.pageSize, sort: query.sort };
  // The stage filter belongs to the list view: the board shows every stage.
  return query.stage && query.view === 'liste' ? { ...params, stage: query.stage } : params;
}

export async function listDeals(query: DealsQuery, signal: AbortSignal): Promise<Paginated<DealCardDto>> {
  const { data } = await api.get<Paginated<DealCardDto>>('/crm/deals', { params: dealListParams(query), signal });
  return data;
}

/** The board: totals of every stage and its first cards (`limit: 0` for the totals only). */
export async function fetchBoard(query: DealsQuery, signal?: AbortSignal, limit?: number): Promise<DealBoardDto> {
  const params = limit === undefined ? filterParams(query) : { ...filterParams(query), limit };
  const { data } = await api.get<DealBoardDto>('/crm/deals/board', { params, signal });
  return data;
}

export async function fetchColumn(
  query: DealsQuery,
  stage: DealStage,
  cursor: string,
  signal?: AbortSignal,
): Promise<DealColumnDto> {
  const { data } = await api.get<DealColumnDto>(`/crm/deals/board/${stage}`, {
    params: { ...filterParams(query), cursor },
    signal,
  });
  return data;
}

export async function getDeal(id: string, signal: AbortSignal): Promise<DealDto> {
  const { data } = await api.get<DealDto>(dealUrl(id), { signal });
  return data;
}

export async function createDeal(body: DealCreateInput): Promise<DealDto> {
  const { data } = await api.post<DealDto>('/crm/deals', body);
  return data;
}

export async function updateDeal(id: string, body: DealUpdateInput): Promise<DealDto> {
  const { data } = await api.patch<DealDto>(dealUrl(id), body);
  return data;
}

export async function moveDeal(id: string, body: DealStageMoveInput): Promise<DealDto> {
  const { data } = await api.post<DealDto>(dealUrl(id, '/stage'), body);
  return data;
}

export async function changeDealOwner(id: string, owner: string): Promise<DealDto> {
  const { data } = await api.post<DealDto>(dealUrl(id, '/owner'), { owner });
  return data;
}

export async function deleteDeal(id: string): Promise<void> {
  await api.delete(dealUrl(id));
}

export async function restoreDeal(id: string): Promise<DealDto> {
  const { data } = await api.post<DealDto>(dealUrl(id, '/restore'));
  return data;
}

/** Contacts the caller can read, for the contact picker. */
export async function searchContacts(q: string, signal: AbortSignal): Promise<ContactDto[]> {
  const { data } = await api.get<Paginated<ContactDto>>('/crm/contacts', {
    params: { q: q || undefined, pageSize: 20, sort: 'lastName' },
    signal,
  });
  return data.items;
}

export interface OwnerCandidate extends UserSummary {
  role: Role;
}

/** Members who may own deals (sales reps and administrators), for the owner pickers and filter. */
export async function fetchOwnerCandidates(signal: AbortSignal): Promise<OwnerCandidate[]> {
  const { data } = await api.get<OwnerCandidate[]>('/team/directory', { signal });
  return data.filter((m) => m.role === 'sales' || m.role === 'admin');
}
