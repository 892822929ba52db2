/** Calls of the audit log page: the journal itself and the members its entries refer to. */
import { api } from '@digiweb/shared-ui';
import type { AuditActionName, AuditEntryDto, Paginated, UserDto } from '@digiweb/api/contracts';
import { defineJournal } from '../journal';
import { AUDIT_ACTIONS } from './display';

export const AUDIT_JOURNAL = defineJournal<AuditActionName, AuditEntryDto>('/admin/audit', 'action', AUDIT_ACTIONS);

/** Members, active or not (up to 100), to name the people the entries refer to. */
export async function fetchMembers(signal: AbortSignal): Promise<UserDto[]> {
  const { data } = await api.get<Paginated<UserDto>>('/team/members', { params: { pageSize: 100 }, signal });
  return data.items;
}
