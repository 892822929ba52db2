/**
 * Look-ups shared by the CRM screens, fetched once per remote and kept fresh for LOOKUP_STALE_TIME
 * instead of once per screen: the members directory by role.
 */
import { useQuery } from '@tanstack/react-query';
import { LOOKUP_STALE_TIME } from '@digiweb/shared-ui';
import type { Role } from '@digiweb/api/contracts';
import { fetchDirectory } from './contacts/api';

export const lookupKeys = {
  all: ['crm', 'lookups'] as const,
  directory: (role: Role) => [...lookupKeys.all, 'directory', role] as const,
};

/** Members of `role` (id, name, role), for the assignee pickers and filters; nothing while disabled. */
export function useDirectory(role: Role, enabled = true) {
  return useQuery({
    queryKey: lookupKeys.directory(role),
    queryFn: ({ signal }) => fetchDirectory(role, signal),
    enabled,
    staleTime: LOOKUP_STALE_TIME,
  });
}
