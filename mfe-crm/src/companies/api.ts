/** Calls of the companies API. Every read takes an AbortSignal so that stale requests can be cancelled. */
import { api } from '@digiweb/shared-ui';
import type {
  CompanyDetailDto,
  CompanyDto,
  CompanyMapResponse,
  CompanyUpdateInput,
  Paginated,
} from '@digiweb/api/contracts';
import { filterParams, type CompaniesQuery } from './query';

const companyUrl = (id: string) => `/crm/companies/${encodeURIComponent(id)}`;

/** What the list asks the API for (the export sends the same, without the paging). */
export const companyListParams = (query: CompaniesQuery): Record<string, string | number> => ({
  ...filterParams(query),
  page: query.page,
  pageSize: query.pageSize,
  sort: query.sort,
});

export async function listCompanies(query: CompaniesQuery, signal: AbortSignal): Promise<Paginated<CompanyDto>> {
  const params = companyListParams(query);
  const { data } = await api.get<Paginated<CompanyDto>>('/crm/companies', { params, signal });
  return data;
}

export async function fetchMapPoints(query: CompaniesQuery, signal: AbortSignal): Promise<CompanyMapResponse> {
  const { data } = await api.get<CompanyMapResponse>('/crm/companies/map', { params: filterParams(query), signal });
  return data;
}

export async function fetchIndustries(signal: AbortSignal): Promise<string[]> {
  const { data } = await api.get<string[]>('/crm/companies/industries', { signal });
  return data;
}

export async function getCompany(id: string, signal: AbortSignal): Promise<CompanyDetailDto> {
  const { data } = await api.get<CompanyDetailDto>(companyUrl(id), { signal });
  return data;
}

export async function updateCompany(id: string, body: CompanyUpdateInput): Promise<CompanyDetailDto> {
  const { data } = await api.patch<CompanyDetailDto>(companyUrl(id), body);
  return data;
}
