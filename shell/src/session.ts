/** The signed-in member, asked once at boot. */
import { AxiosError } from 'axios';
import type { MeResponse } from '@digiweb/api/contracts';
import { api, setCsrfToken } from '@digiweb/shared-ui';

export type BootResult = { kind: 'signed-in'; me: MeResponse } | { kind: 'anonymous' };

let pending: Promise<BootResult> | undefined;

/** GET /api/me: the session, or `anonymous` on 401. Any other failure rejects. Memoized. */
export function loadSession(): Promise<BootResult> {
  pending ??= api.get<MeResponse>('/me').then(
    (res): BootResult => {
      setCsrfToken(res.data.csrfToken);
      return { kind: 'signed-in', me: res.data };
    },
    (err: unknown): BootResult => {
      if (err instanceof AxiosError && err.response?.status === 401) return { kind: 'anonymous' };
      pending = undefined; // let "Réessayer" ask again
      throw err;
    },
  );
  return pending;
}
