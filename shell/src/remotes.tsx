/**
 * Runtime remotes: after /api/me, the entitled remotes (and only them) are registered once with the
 * Module Federation runtime and as single-spa applications; single-spa starts once the layout has put
 * the mount slot in the document.
 */
import { createRoot, type Root } from 'react-dom/client';
import {
  loadRemote,
  registerPlugins,
  registerRemotes,
  type ModuleFederationRuntimePlugin,
} from '@module-federation/enhanced/runtime';
import { registerApplication, start, type LifeCycles } from 'single-spa';
import { federationName, type MeResponse, type RemoteEntry } from '@digiweb/api/contracts';
import {
  AppProviders,
  MFE_SLOT_ID,
  RemoteUnavailable,
  remoteMountElement,
  type RemoteCustomProps,
} from '@digiweb/shared-ui';

type RemoteLifecycles = LifeCycles<RemoteCustomProps>;

/** The element remotes mount into. It lives outside React so it survives layout re-renders. */
export const mountSlot: HTMLDivElement = (() => {
  const el = document.createElement('div');
  el.id = MFE_SLOT_ID;
  return el;
})();

/** Lifecycles that show "Module indisponible" in the remote's area instead of the remote. */
function unavailableLifecycles(remote: RemoteEntry): RemoteLifecycles & { unavailable: true } {
  let root: Root | undefined;
  return {
    unavailable: true,
    bootstrap: async () => {},
    mount: async () => {
      root = createRoot(remoteMountElement(remote.name));
      root.render(
        <AppProviders>
          <RemoteUnavailable label={remote.label} />
        </AppProviders>,
      );
    },
    unmount: async () => {
      root?.unmount();
      root = undefined;
    },
  };
}

const spaId = (remote: RemoteEntry) => `${federationName(remote.name)}/spa`;

/**
 * MF runtime plugin: when a remote cannot be loaded (manifest, remoteEntry or chunk failing), the
 * `loadRemote` call resolves to the "unavailable" lifecycles instead of rejecting, so one broken
 * remote shows an error panel in its area and the portal keeps working.
 */
function remoteErrorPlugin(remotes: RemoteEntry[]): ModuleFederationRuntimePlugin {
  return {
    name: 'digiweb-remote-error',
    errorLoadRemote({ id, error, lifecycle }) {
      // Earlier lifecycles (manifest fetch: `afterResolve`…) rethrow and come back here as `onLoad`.
      if (lifecycle !== 'onLoad') return undefined;
      const remote = remotes.find((r) => id === spaId(r));
      if (!remote) return undefined;
      console.error(`[portail] le module ${remote.name} (${remote.version}) n'a pas pu être chargé`, error);
      return unavailableLifecycles(remote);
    },
  };
}

function isLifecycles(mod: unknown): mod is RemoteLifecycles {
  const m = mod as Partial<RemoteLifecycles> | null;
  return !!m && typeof m.bootstrap === 'function' && typeof m.mount === 'function' && typeof m.unmount === 'function';
}

async function loadSpa(remote: RemoteEntry, retried = false): Promise<RemoteLifecycles> {
  try {
    const mod = await loadRemote<RemoteLifecycles>(spaId(remote));
    // A remote the error plugin replaced (a chunk failed) is tried once more before the panel.
    if (!retried && mod && (mod as { unavailable?: boolean }).unavailable) return loadSpa(remote, true);
    if (isLifecycles(mod)) return mod;
    console.error(`[portail] ${spaId(remote)} n'exporte pas bootstrap/mount/unmount`);
  } catch (err) {
    console.error(`[portail] échec du chargement de ${spaId(remote)}`, err);
    if (!retried) return loadSpa(remote, true);
  }
  return unavailableLifecycles(remote);
}

let registered = false;

/** Registers the entitled remotes, once, with the MF runtime and with single-spa. */
export function registerEntitledRemotes(me: MeResponse): void {
  if (registered) return;
  registered = true;
  registerPlugins([remoteErrorPlugin(me.remotes)]);
  registerRemotes(me.remotes.map((r) => ({ name: federationName(r.name), entry: r.entry })));
  for (const remote of me.remotes) {
    registerApplication<RemoteCustomProps>({
      name: remote.name,
      app: () => loadSpa(remote),
      activeWhen: remote.prefix,
      customProps: { me },
    });
  }
}

let started = false;

/** Starts single-spa; called by the layout once the mount slot is in the document. */
export function startRemotes(): void {
  if (started || !mountSlot.isConnected) return;
  started = true;
  start({ urlRerouteOnly: true });
}
