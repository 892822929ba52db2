import { App, ConfigProvider } from 'antd';
import frFR from 'antd/locale/fr_FR';
import dayjs from 'dayjs';
import 'dayjs/locale/fr';
import type { ReactNode } from 'react';
import type { MeResponse } from '@digiweb/api/contracts';
import { SessionProvider } from './session.js';
import { theme } from './theme.js';

dayjs.locale('fr');

/** Every React root (shell and each remote) wraps itself in this: French antd, theme, toasts, session. */
export function AppProviders({ me, children }: { me?: MeResponse; children: ReactNode }) {
  const inner = me ? <SessionProvider me={me}>{children}</SessionProvider> : children;
  return (
    <ConfigProvider locale={frFR} theme={theme}>
      <App>{inner}</App>
    </ConfigProvider>
  );
}
