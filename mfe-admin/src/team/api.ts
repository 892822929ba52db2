/** Calls of the team administration API. Reads take an AbortSignal so that stale requests can be cancelled. */
import { api } from '@digiweb/shared-ui';
import type { CompanyKey, Paginated, Role, UserDto, UserStatus } from '@digiweb/api/contracts';

export interface MembersQuery {
  page: number;
  pageSize: number;
  q: string;
  role?: Role;
  status?: UserStatus;
}

export const DEFAULT_MEMBERS_QUERY: MembersQuery = { page: 1, pageSize: 20, q: '' };

export const membersQueryKey = (q: MembersQuery) =>
  JSON.stringify([q.page, q.pageSize, q.q, q.role ?? '', q.status ?? '']);

export async function listMembers(query: MembersQuery, signal: AbortSignal): Promise<Paginated<UserDto>> {
  const params: Record<string, string | number> = { page: query.page, pageSize: query.pageSize };
  if (query.q) params.q = query.q;
  if (query.role) params.role = query.role;
  if (query.status) params.status = query.status;
  const { data } = await api.get<Paginated<UserDto>>('/team/members', { params, signal });
  return data;
}

export interface MemberUpdate {
  role?: Role;
  status?: UserStatus;
  team?: string;
  managerId?: string | null;
  company?: CompanyKey;
}

export async function updateMember(id: string, body: MemberUpdate): Promise<UserDto> {
  const { data } = await api.patch<UserDto>(`/team/members/${encodeURIComponent(id)}`, body);
  return data;
}
