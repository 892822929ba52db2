/**
 * Boot: GET /api/me. Anonymous (401) → the shell's router alone (login pages). Signed in → CSRF token
 * in memory, the entitled remotes registered once (Module Federation runtime + single-spa), then the
 * router and layout; the layout starts single-spa once its mount slot is in the document.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Button, Flex, Result, Spin } from 'antd';
import { RouterProvider } from '@tanstack/react-router';
import type { MeResponse } from '@digiweb/api/contracts';
import { AppProviders, errorMessage, SessionProvider } from '@digiweb/shared-ui';
import { registerEntitledRemotes } from './remotes';
import { createShellRouter } from './router';
import { loadSession } from './session';

type ShellRouter = ReturnType<typeof createShellRouter>;

type BootState =
  | { kind: 'loading' }
  | { kind: 'ready'; router: ShellRouter; me: MeResponse | null }
  | { kind: 'error'; message: string };

/** Created once per page load (StrictMode runs effects twice in development). */
let shell: { router: ShellRouter; me: MeResponse | null } | undefined;

function Boot() {
  const [state, setState] = useState<BootState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    loadSession().then(
      (session) => {
        if (!alive) return;
        if (!shell) {
          const me = session.kind === 'signed-in' ? session.me : null;
          if (me) registerEntitledRemotes(me);
          shell = { router: createShellRouter(me), me };
        }
        setState({ kind: 'ready', ...shell });
      },
      (err: unknown) => alive && setState({ kind: 'error', message: errorMessage(err) }),
    );
    return () => {
      alive = false;
    };
  }, [attempt]);

  if (state.kind === 'loading') {
    return (
      <Flex style={{ minHeight: '100vh' }} align="center" justify="center" data-testid="boot-loading">
        <Spin size="large" />
      </Flex>
    );
  }
  if (state.kind === 'error') {
    return (
      <Result
        status="error"
        title="Le portail n'a pas pu démarrer"
        subTitle={state.message}
        extra={
          <Button
            type="primary"
            onClick={() => {
              setState({ kind: 'loading' });
              setAttempt((n) => n + 1);
            }}
          >
            Réessayer
          </Button>
        }
      />
    );
  }
  const router = <RouterProvider router={state.router} />;
  return state.me ? <SessionProvider me={state.me}>{router}</SessionProvider> : router;
}

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <AppProviders>
      <Boot />
    </AppProviders>
  </StrictMode>,
);
