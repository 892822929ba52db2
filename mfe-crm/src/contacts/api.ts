/** Calls of the contacts API. Every read takes an AbortSignal so that stale requests can be cancelled. */
import { api } from '@digiweb/shared-ui';
import type {
  ContactBoardDto,
  ContactBulkInput,
  ContactBulkResult,
  ContactBulkUndoResult,
  ContactColumnDto,
  ContactCreateInput,
  ContactDto,
  ContactEnrichResponse,
  ContactHistoryPage,
  ContactSavedQuery,
  ContactStatus,
  ContactUpdateInput,
  Paginated,
  Role,
  SavedFilterDto,
  TagSuggestion,
  UserSummary,
} from '@digiweb/api/contracts';
import type { ContactsQuery } from './query';

export interface DirectoryMember extends UserSummary {
  role: Role;
}

/** What the list asks the API for (the export sends the same, without the paging). */
export function contactListParams(query: ContactsQuery): Record<string, string | number> {
  const params: Record<string, string | number> = { page: query.page, pageSize: query.pageSize, sort: query.sort };
  if (query.q) params.q = query.q;
  if (query.status) params.status = query.status;
  if (query.assignedTo) params.assignedTo = query.assignedTo;
  if (query.tag) params.tag = query.tag;
  if (query.companyLink) params.companyLink = query.companyLink;
  return params;
}

export async function listContacts(query: ContactsQuery, signal: AbortSignal): Promise<Paginated<ContactDto>> {
  const params = contactListParams(query);
  const { data } = await api.get<Paginated<ContactDto>>('/crm/contacts', { params, signal });
  return data;
}

export async function getContact(id: string, signal: AbortSignal): Promise<ContactDto> {
  const { data } = await api.get<ContactDto>(`/crm/contacts/${encodeURIComponent(id)}`, { signal });
  return data;
}

export async function createContact(body: ContactCreateInput): Promise<ContactDto> {
  const { data } = await api.post<ContactDto>('/crm/contacts', body);
  return data;
}

export async function updateContact(id: string, body: ContactUpdateInput): Promise<ContactDto> {
  const { data } = await api.patch<ContactDto>(`/crm/contacts/${encodeURIComponent(id)}`, body);
  return data;
}

/** An administrator approves or refuses a contact's waiting link to an existing company. */
export async function decideCompanyLink(id: string, decision: 'approve' | 'refuse'): Promise<ContactDto> {
  const { data } = await api.post<ContactDto>(`/crm/contacts/${encodeURIComponent(id)}/company-link`, { decision });
  return data;
}

export async function assignContact(id: string, assignedTo: string | null): Promise<ContactDto> {
  const { data } = await api.post<ContactDto>(`/crm/contacts/${encodeURIComponent(id)}/assign`, { assignedTo });
  return data;
}

export async function deleteContact(id: string): Promise<void> {
  await api.delete(`/crm/contacts/${encodeURIComponent(id)}`);
}

export async function restoreContact(id: string): Promise<ContactDto> {
  const { data } = await api.post<ContactDto>(`/crm/contacts/${encodeURIComponent(id)}/restore`);
  return data;
}

export async function fetchDirectory(role: Role, signal: AbortSignal): Promise<DirectoryMember[]> {
  const { data } = await api.get<DirectoryMember[]>('/team/directory', { params: { role }, signal });
  return data;
}

/** Filters of the kanban: the list's, without the status (the columns are the statuses) nor the page. */
function boardParams(query: ContactsQuery): Record<string, string> {
  const params: Record<string, string> = { sort: query.sort };
  if (query.q) params.q = query.q;
  if (query.assignedTo) params.assignedTo = query.assignedTo;
  if (query.tag) params.tag = query.tag;
  if (query.companyLink) params.companyLink = query.companyLink;
  return params;
}

export async function fetchBoard(query: ContactsQuery, signal: AbortSignal): Promise<ContactBoardDto> {
  const { data } = await api.get<ContactBoardDto>('/crm/contacts/board', { params: boardParams(query), signal });
  return data;
}

export async function fetchColumn(
  query: ContactsQuery,
  status: ContactStatus,
  cursor: string,
  signal?: AbortSignal,
): Promise<ContactColumnDto> {
  const { data } = await api.get<ContactColumnDto>(`/crm/contacts/board/${status}`, {
    params: { ...boardParams(query), cursor },
    signal,
  });
  return data;
}

export async function fetchTags(q: string, signal?: AbortSignal): Promise<TagSuggestion[]> {
  const { data } = await api.get<TagSuggestion[]>('/crm/contacts/tags', { params: q ? { q } : {}, signal });
  return data;
}

export async function bulkContacts(body: ContactBulkInput): Promise<ContactBulkResult> {
  const { data } = await api.post<ContactBulkResult>('/crm/contacts/bulk', body);
  return data;
}

export async function undoBulkContacts(token: string): Promise<ContactBulkUndoResult> {
  const { data } = await api.post<ContactBulkUndoResult>('/crm/contacts/bulk/undo', { token });
  return data;
}

export async function fetchHistory(
  id: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<ContactHistoryPage> {
  const { data } = await api.get<ContactHistoryPage>(`/crm/contacts/${encodeURIComponent(id)}/history`, {
    params: cursor ? { cursor } : {},
    signal,
  });
  return data;
}

export async function enrichContact(id: string): Promise<ContactEnrichResponse> {
  const { data } = await api.post<ContactEnrichResponse>(`/crm/contacts/${encodeURIComponent(id)}/enrich`, {});
  return data;
}

export async function setSolvency(id: string, score: number | null): Promise<ContactDto> {
  const { data } = await api.put<ContactDto>(`/crm/contacts/${encodeURIComponent(id)}/solvency`, { score });
  return data;
}

export async function listSavedFilters(signal: AbortSignal): Promise<SavedFilterDto[]> {
  const { data } = await api.get<SavedFilterDto[]>('/crm/saved-filters', { params: { screen: 'contacts' }, signal });
  return data;
}

export async function saveFilter(name: string, query: ContactSavedQuery): Promise<SavedFilterDto> {
  const { data } = await api.post<SavedFilterDto>('/crm/saved-filters', { screen: 'contacts', name, query });
  return data;
}

export async function deleteSavedFilter(id: string): Promise<void> {
  await api.delete(`/crm/saved-filters/${encodeURIComponent(id)}`);
}
