/** Calls of the activities API. Every read takes an AbortSignal so that stale requests can be cancelled. */
import { api } from '@digiweb/shared-ui';
import type {
  ActivityCalendarResponse,
  ActivityCreateInput,
  ActivityDto,
  ActivityUpdateInput,
  ContactDto,
  Paginated,
} from '@digiweb/api/contracts';
import { filterParams, type ActivityFilters } from './query';

const path = (id: string, action = '') => `/crm/activities/${encodeURIComponent(id)}${action}`;

/** The list's filters and order as the API reads them (the export sends the same). */
export const activityListParams = (filters: ActivityFilters): Record<string, string> => ({
  ...filterParams(filters),
  sort: filters.sort,
});

export async function listActivities(
  filters: ActivityFilters,
  paging: { page: number; pageSize: number },
  signal: AbortSignal,
): Promise<Paginated<ActivityDto>> {
  const params = { ...activityListParams(filters), page: paging.page, pageSize: paging.pageSize };
  const { data } = await api.get<Paginated<ActivityDto>>('/crm/activities', { params, signal });
  return data;
}

/** Activities due in [from, to) (ISO instants), for the calendar. */
export async function calendarActivities(
  filters: ActivityFilters,
  range: { from: string; to: string },
  signal: AbortSignal,
): Promise<ActivityCalendarResponse> {
  const { from: _from, to: _to, q: _q, ...rest } = filterParams(filters);
  const { data } = await api.get<ActivityCalendarResponse>('/crm/activities/calendar', {
    params: { ...rest, ...range },
    signal,
  });
  return data;
}

export async function getActivity(id: string, signal: AbortSignal): Promise<ActivityDto> {
  const { data } = await api.get<ActivityDto>(path(id), { signal });
  return data;
}

export async function createActivity(body: ActivityCreateInput): Promise<ActivityDto> {
  const { data } = await api.post<ActivityDto>('/crm/activities', body);
  return data;
}

export async function updateActivity(id: string, body: ActivityUpdateInput): Promise<ActivityDto> {
  const { data } = await api.patch<ActivityDto>(path(id), body);
  return data;
}

export async function completeActivity(id: string): Promise<ActivityDto> {
  const { data } = await api.post<ActivityDto>(path(id, '/complete'));
  return data;
}

export async function cancelActivity(id: string): Promise<ActivityDto> {
  const { data } = await api.post<ActivityDto>(path(id, '/cancel'));
  return data;
}

export async function deleteActivity(id: string): Promise<void> {
  await api.delete(path(id));
}

export async function restoreActivity(id: string): Promise<ActivityDto> {
  const { data } = await api.post<ActivityDto>(path(id, '/restore'));
  return data;
}

/** Contacts the caller may link an activity to, matching `q` (name, e-mail, company). */
/** Contacts to link an activity to; `assignedTo` narrows them to one member's (those he may update). */
export async function findContacts(q: string, signal: AbortSignal, assignedTo?: string): Promise<ContactDto[]> {
  const params: Record<string, string | number> = { pageSize: 20, sort: 'lastName' };
  if (q) params.q = q;
  if (assignedTo) params.assignedTo = assignedTo;
  const { data } = await api.get<Paginated<ContactDto>>('/crm/contacts', { params, signal });
  return data.items;
}
