/** Calls of the contacts API. Every read takes an AbortSignal so that stale requests can be cancelled. */
import { api } from '@digiweb/shared-ui';
import type {
  ContactCreateInput,
  ContactDto,
  ContactUpdateInput,
  Paginated,
  Role,
  UserSummary,
} from '@digiweb/api/contracts';
import type { ContactsQuery } from './query';

export interface DirectoryMember extends UserSummary {
  role: Role;
}

export async function listContacts(query: ContactsQuery, signal: AbortSignal): Promise<Paginated<ContactDto>> {
  const params: Record<string, string | number> = {
    page: query.page,
    pageSize: query.pageSize,
    sort: query.sort,
  };
  if (query.q) params.q = query.q;
  if (query.status) params.status = query.status;
  if (query.assignedTo) params.assignedTo = query.assignedTo;
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
