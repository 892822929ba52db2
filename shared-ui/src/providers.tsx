import { App, ConfigProvider } from 'antd';
import frFR from 'antd/locale/fr_FR';
import dayjs from 'dayjs';
import 'dayjs/locale/fr';
import { useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { MeResponse } from '@digiweb/api/contracts';
import { createQueryClient } from './query.js';
import { SessionProvider } from './session.js';
import { theme } from './theme.js';

dayjs.locale('fr');

/**
 * Every React root (shell and each remote) wraps itself in this: French antd, theme, toasts, session,
 * and the root's own QueryClient (created once per mount, so a new session never sees the cache of the
 * previous one; pass `queryClient` to share one, e.g. in tests).
 */
export function AppProviders({
  me,
  queryClient,
  children,
}: {
  me?: MeResponse;
  queryClient?: QueryClient;
  children: ReactNode;
}) {
  const [ownClient] = useState(createQueryClient);
  const inner = me ? <SessionProvider me={me}>{children}</SessionProvider> : children;
  return (
    <QueryClientProvider client={queryClient ?? ownClient}>
      <ConfigProvider locale={frFR} theme={theme}>
        <App>{inner}</App>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
