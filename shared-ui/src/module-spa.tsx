/**
 * A module (remote) as a single-spa application: what every remote's `./spa` exposes. Each mount
 * creates the module's own TanStack router on the browser history, with the module's prefix as
 * basepath, and each unmount disposes of it, so the shell's router and the module's never share a
 * history object. Routes are the module's MODULE_SECTIONS; sections without a screen yet say so, and
 * demo-only sections have no route outside demo mode (their path is a 404).
 */
import * as React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import { createRoot } from 'react-dom/client';
import { Result } from 'antd';
import singleSpaReact from 'single-spa-react';
import {
  createBrowserHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  redirect,
  RouterProvider,
  type AnyRoute,
  type AnyRouter,
  type RouteComponent,
} from '@tanstack/react-router';
import { MODULE_INFO, type ModuleKey } from '@digiweb/api/contracts';
import {
  AppProviders,
  moduleSections,
  PageNotFound,
  RemoteCrash,
  RemoteFrame,
  remoteMountElement,
  setCsrfToken,
  UnderConstruction,
  type RemoteCustomProps,
} from '@digiweb/shared-ui';

export interface ModuleSpaOptions {
  module: ModuleKey;
  /** Version stamped into the build (`__REMOTE_VERSION__`). */
  version: string;
  /** Screens by full section path, e.g. `{ '/crm/contacts': ContactsPage }`. */
  pages: Record<string, RouteComponent>;
}

function createRouteTree({ module, version, pages }: ModuleSpaOptions, me: RemoteCustomProps['me']) {
  const { prefix, remote } = MODULE_INFO[module];
  const relative = (fullPath: string) => fullPath.slice(prefix.length) || '/';
  const inModule = (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  const rootRoute = createRootRoute({
    component: () => (
      <RemoteFrame name={remote} version={version}>
        <Outlet />
      </RemoteFrame>
    ),
    // While the shell leaves the module, this router briefly sees a foreign URL: render nothing.
    notFoundComponent: () => (inModule(window.location.pathname) ? <PageNotFound /> : null),
  });
  const sections = moduleSections(module, me);
  const children: AnyRoute[] = sections.map((section) =>
    createRoute({
      getParentRoute: () => rootRoute,
      path: relative(section.path),
      component: pages[section.path] ?? (() => <UnderConstruction section={section.label} />),
    }),
  );
  // No section on the prefix itself: the module's home is its first section.
  const first = sections[0];
  if (first && !sections.some((s) => s.path === prefix)) {
    children.push(
      createRoute({
        getParentRoute: () => rootRoute,
        path: '/',
        beforeLoad: () => {
          throw redirect({ to: relative(first.path), replace: true });
        },
      }),
    );
  }
  return rootRoute.addChildren(children);
}

interface RootProps extends RemoteCustomProps {
  router: AnyRouter;
}

function Root({ me, router }: RootProps) {
  return (
    <AppProviders me={me}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}

export function createModuleSpa(options: ModuleSpaOptions) {
  const { prefix, remote } = MODULE_INFO[options.module];
  const lifecycles = singleSpaReact<RootProps>({
    React,
    ReactDOMClient,
    rootComponent: Root,
    domElementGetter: () => remoteMountElement(remote),
    errorBoundary: () => (
      <AppProviders>
        <RemoteCrash />
      </AppProviders>
    ),
  });
  /** What single-spa passes: the shell's customProps plus the application's name and helpers. */
  type LifecycleProps = Omit<Parameters<typeof lifecycles.mount>[0], 'router'>;
  let router: AnyRouter | null = null;
  return {
    bootstrap: lifecycles.bootstrap,
    mount(props: LifecycleProps) {
      // The remote's own copy of the API client sends the session's CSRF token the shell was given.
      setCsrfToken(props.me.csrfToken);
      router = createRouter({
        routeTree: createRouteTree(options, props.me),
        basepath: prefix,
        history: createBrowserHistory(),
      });
      return lifecycles.mount({ ...props, router });
    },
    async unmount(props: LifecycleProps) {
      await lifecycles.unmount({ ...props, router: router as AnyRouter });
      router?.history.destroy();
      router = null;
    },
  };
}

/** A remote opened on its own (outside the portal) only says where to find it. */
export function renderStandalone(name: string, version: string): void {
  const el = document.getElementById('root');
  if (!el) return;
  createRoot(el).render(
    <AppProviders>
      <Result
        status="info"
        title={`${name} v${version}`}
        subTitle="Ce module s'affiche dans le portail DigiWeb ERP : ouvrez-le depuis le portail."
      />
    </AppProviders>,
  );
}
