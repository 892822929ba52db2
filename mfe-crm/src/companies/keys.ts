/** Query keys of the companies: every read of the feature lives under `companyKeys.all`. */
import { companyListParams } from './api';
import { filterParams, type CompaniesQuery } from './query';

export const companyKeys = {
  all: ['crm', 'companies'] as const,
  list: (query: CompaniesQuery) => [...companyKeys.all, 'list', companyListParams(query)] as const,
  map: (query: CompaniesQuery) => [...companyKeys.all, 'map', filterParams(query)] as const,
  /** The industries of the filter: a look-up, changed by company edits only. */
  industries: () => [...companyKeys.all, 'industries'] as const,
  detail: (id: string) => [...companyKeys.all, 'detail', id] as const,
};
