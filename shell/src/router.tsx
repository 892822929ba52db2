/**
 * The shell's own pages (TanStack Router): login, refusal, home redirect, settings, 403, 404. Every
 * other path under a module prefix belongs to the remote single-spa mounts in the layout's slot.
 */
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { ROLE_HOME, type MeResponse } from '@digiweb/api/contracts';
import { PageNotFound } from '@digiweb/shared-ui';
import { AppLayout } from './layout/AppLayout';
import { ForbiddenPage } from './pages/ForbiddenPage';
import { LoginPage } from './pages/LoginPage';
import { ModuleArea } from './pages/ModuleArea';
import { RefusalPage } from './pages/RefusalPage';
import { SettingsPage } from './pages/SettingsPage';

export interface ShellContext {
  me: MeResponse | null;
}

const rootRoute = createRootRouteWithContext<ShellContext>()({
  component: Outlet,
  notFoundComponent: () => <PageNotFound />,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connexion',
  beforeLoad: ({ context }) => {
    if (context.me) throw redirect({ href: ROLE_HOME[context.me.role], replace: true });
  },
  component: LoginPage,
});

export const refusalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connexion/refus',
  validateSearch: (search: Record<string, unknown>): { raison?: string } =>
    typeof search.raison === 'string' ? { raison: search.raison } : {},
  component: RefusalPage,
});

/** Everything behind the session: the portal layout. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: ({ context }) => {
    if (!context.me) throw redirect({ to: '/connexion', replace: true });
  },
  component: AppLayout,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    if (context.me) throw redirect({ href: ROLE_HOME[context.me.role], replace: true });
  },
});

const settingsRoute = createRoute({ getParentRoute: () => appRoute, path: '/parametres', component: SettingsPage });

const forbiddenRoute = createRoute({ getParentRoute: () => appRoute, path: '/403', component: ForbiddenPage });

/** Module prefixes (remote area, 403 when not entitled) and unknown paths (404). */
const moduleRoute = createRoute({ getParentRoute: () => appRoute, path: '$', component: ModuleArea });

const routeTree = rootRoute.addChildren([
  loginRoute,
  refusalRoute,
  appRoute.addChildren([homeRoute, settingsRoute, forbiddenRoute, moduleRoute]),
]);

export function createShellRouter(me: MeResponse | null) {
  return createRouter({ routeTree, context: { me }, defaultPreload: false, scrollRestoration: false });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createShellRouter>;
  }
}
