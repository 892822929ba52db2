/**
 * The module as a single-spa application (exposed to the shell as `./spa`). Each mount creates the
 * module's own TanStack router on the browser history, under the module's prefix, and each unmount
 * disposes of it, so the shell's router and this one never share a history object.
 */
import * as React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import singleSpaReact from 'single-spa-react';
import { createBrowserHistory, createRouter, RouterProvider, type AnyRouter } from '@tanstack/react-router';
import { MODULE_INFO } from '@digiweb/api/contracts';
import { AppProviders, RemoteCrash, remoteMountElement, type RemoteCustomProps } from '@digiweb/shared-ui';
import { createRouteTree, MODULE } from './routes';

const { prefix, remote } = MODULE_INFO[MODULE];

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

export const bootstrap = lifecycles.bootstrap;

export function mount(props: LifecycleProps) {
  router = createRouter({ routeTree: createRouteTree(), basepath: prefix, history: createBrowserHistory() });
  return lifecycles.mount({ ...props, router });
}

export async function unmount(props: LifecycleProps) {
  await lifecycles.unmount({ ...props, router: router as AnyRouter });
  router?.history.destroy();
  router = null;
}
