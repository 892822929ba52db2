/**
 * The one HTTP client of the front ends. Cookies carry the session (httpOnly, never readable here);
 * the CSRF token is kept in memory only and sent on every state-changing request.
 */
import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { Problem } from '@digiweb/api/contracts';

let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export const api: AxiosInstance = axios.create({
  baseURL: '/api',
  withCredentials: true,
  headers: { Accept: 'application/json' },
});

api.interceptors.request.use((config) => {
  const method = (config.method ?? 'get').toLowerCase();
  if (csrfToken && !['get', 'head', 'options'].includes(method)) {
    config.headers.set('X-CSRF-Token', csrfToken);
  }
  return config;
});

/** The server's problem document when there is one. */
export function problemOf(err: unknown): Problem | undefined {
  if (err instanceof AxiosError && err.response?.data && typeof err.response.data === 'object') {
    const data = err.response.data as Partial<Problem>;
    if (typeof data.title === 'string') return data as Problem;
  }
  return undefined;
}

/** A French sentence for any failure, to show in a toast or an error state. */
export function errorMessage(err: unknown): string {
  const problem = problemOf(err);
  if (problem) return problem.detail ?? problem.title;
  if (err instanceof AxiosError && !err.response) return 'Le serveur est injoignable. Vérifiez votre connexion.';
  return 'Une erreur inattendue est survenue.';
}

/** Field errors of a 422 answer, keyed by field path, for antd forms. */
export function fieldErrors(err: unknown): { name: string; errors: string[] }[] {
  const problem = problemOf(err);
  return (problem?.errors ?? [])
    .filter((e) => e.path)
    .map((e) => ({ name: e.path, errors: [e.message] }));
}
