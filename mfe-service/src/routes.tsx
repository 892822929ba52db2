/**
 * Routes of the module, under the router's basepath (the module's prefix): one route per entry of
 * MODULE_SECTIONS. Sections without a screen yet say they are under construction.
 */
import {
  createRootRoute,
  createRoute,
  Outlet,
  redirect,
  type AnyRoute,
  type RouteComponent,
} from '@tanstack/react-router';
import { MODULE_INFO, MODULE_SECTIONS } from '@digiweb/api/contracts';
import { PageNotFound, RemoteFrame, UnderConstruction } from '@digiweb/shared-ui';

export const MODULE = 'service' as const;
const { prefix, remote } = MODULE_INFO[MODULE];

/** Sections that have a real screen, by full path. */
const PAGES: Record<string, RouteComponent> = {};

/** A section path relative to the router's basepath (`/crm/contacts` → `/contacts`). */
const relative = (fullPath: string) => fullPath.slice(prefix.length) || '/';

const inModule = (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** A fresh route tree for each mount (the router is created in `mount` and dropped in `unmount`). */
export function createRouteTree() {
  const rootRoute = createRootRoute({
    component: () => (
      <RemoteFrame name={remote} version={__REMOTE_VERSION__}>
        <Outlet />
      </RemoteFrame>
    ),
    // While the shell leaves the module, this router briefly sees a foreign URL: render nothing.
    notFoundComponent: () => (inModule(window.location.pathname) ? <PageNotFound /> : null),
  });

  const sections = MODULE_SECTIONS[MODULE];
  const children: AnyRoute[] = sections.map((section) => {
    const Page = PAGES[section.path];
    return createRoute({
      getParentRoute: () => rootRoute,
      path: relative(section.path),
      component: Page ?? (() => <UnderConstruction section={section.label} />),
    });
  });

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
