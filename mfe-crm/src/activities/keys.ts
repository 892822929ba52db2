/** Query keys of the activities: every read of the feature lives under `activityKeys.all`. */
import { activityListParams } from './api';
import type { ActivityFilters } from './query';

export const activityKeys = {
  all: ['crm', 'activities'] as const,
  /** The timeline's pages ("Charger plus") for these filters. */
  timeline: (filters: ActivityFilters) => [...activityKeys.all, 'timeline', activityListParams(filters)] as const,
  calendars: () => [...activityKeys.all, 'calendar'] as const,
  calendar: (filters: ActivityFilters, from: string) =>
    [...activityKeys.calendars(), activityListParams(filters), from] as const,
  detail: (id: string) => [...activityKeys.all, 'detail', id] as const,
  /** The contact picker's search (a sales rep only sees his own contacts). */
  contactSearch: (q: string, onlyMine: string | undefined) =>
    ['crm', 'lookups', 'activity-contacts', q, onlyMine ?? null] as const,
};
