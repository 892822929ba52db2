/** Calls of the contacts import API, and the URLs of the files the browser downloads itself. */
import { api } from '@digiweb/shared-ui';
import type {
  ImportDto,
  ImportPreviewDto,
  ImportSettingsInput,
  ImportStartInput,
  Paginated,
} from '@digiweb/api/contracts';

export async function uploadImport(file: File, onProgress: (percent: number) => void): Promise<ImportDto> {
  const form = new FormData();
  form.append('file', file);
  const { data } = await api.post<ImportDto>('/crm/imports', form, {
    onUploadProgress: (e) => onProgress(e.total ? Math.round((e.loaded / e.total) * 100) : 0),
  });
  return data;
}

export async function listImports(signal: AbortSignal): Promise<Paginated<ImportDto>> {
  const { data } = await api.get<Paginated<ImportDto>>('/crm/imports', { params: { pageSize: 5 }, signal });
  return data;
}

export async function getImport(id: string, signal?: AbortSignal): Promise<ImportDto> {
  const { data } = await api.get<ImportDto>(`/crm/imports/${encodeURIComponent(id)}`, { signal });
  return data;
}

export async function updateImport(id: string, body: ImportSettingsInput): Promise<ImportDto> {
  const { data } = await api.patch<ImportDto>(`/crm/imports/${encodeURIComponent(id)}`, body);
  return data;
}

export async function getPreview(id: string, signal: AbortSignal): Promise<ImportPreviewDto> {
  const { data } = await api.get<ImportPreviewDto>(`/crm/imports/${encodeURIComponent(id)}/preview`, { signal });
  return data;
}

export async function startImport(id: string, body: ImportStartInput): Promise<ImportDto> {
  const { data } = await api.post<ImportDto>(`/crm/imports/${encodeURIComponent(id)}/start`, body);
  return data;
}

/** Undoes a finished import in the background (its progress shows in the import). */
export async function undoImport(id: string): Promise<ImportDto> {
  const { data } = await api.post<ImportDto>(`/crm/imports/${encodeURIComponent(id)}/undo`);
  return data;
}

/** Deletes a draft never started (its file too). */
export async function deleteImport(id: string): Promise<void> {
  await api.delete(`/crm/imports/${encodeURIComponent(id)}`);
}

export async function cancelImport(id: string): Promise<ImportDto> {
  const { data } = await api.post<ImportDto>(`/crm/imports/${encodeURIComponent(id)}/cancel`);
  return data;
}

/** The lines an import left aside, as a CSV the browser downloads (plain link, session cookie). */
export const rejectedLinesUrl = (id: string) => `/api/crm/imports/${encodeURIComponent(id)}/rejected.csv`;
