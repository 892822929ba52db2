/**
 * Pieces shared by the shell and the remotes for mounting a remote: where it mounts, what it says when
 * a section is not built yet, when it crashes or cannot be loaded, and the version tag.
 */
import { Button, Result, Typography } from 'antd';
import type { ReactNode } from 'react';
import { MODULE_SECTIONS, type MeResponse, type ModuleKey, type ModuleSection, type RemoteName } from '@digiweb/api/contracts';

/** Id of the element the shell keeps inside its layout; every remote mounts inside it. */
export const MFE_SLOT_ID = 'mfe-slot';

/** Props the shell passes to every remote's single-spa lifecycles (`customProps`). A type, not an
 * interface, so that it satisfies single-spa's index-signature `CustomProps`. */
export type RemoteCustomProps = {
  me: MeResponse;
};

/**
 * The element a remote renders into, created on first use inside the shell's slot. Its id is the
 * remote's name (`#mfe-crm`, `#mfe-personal-space`…). The shell only starts single-spa once the slot
 * is in the document.
 */
export function remoteMountElement(name: RemoteName): HTMLElement {
  const id = name;
  const slot = document.getElementById(MFE_SLOT_ID) ?? document.body;
  let el = document.getElementById(id);
  if (!el) {
    el = document.createElement('div');
    el.id = id;
  }
  if (el.parentElement !== slot) slot.appendChild(el);
  return el;
}

/** The module's sections this session may open: demo-only ones (the outbox) only in demo mode. */
export function moduleSections(module: ModuleKey, me: Pick<MeResponse, 'demoMode'>): ModuleSection[] {
  return MODULE_SECTIONS[module].filter((s) => !s.demoOnly || me.demoMode);
}

/**
 * Navigates to another part of the portal without reloading: single-spa and every TanStack router
 * listen to pushState, so the right remote mounts and the routers follow.
 */
export function navigateTo(href: string): void {
  window.history.pushState(null, '', href);
}

/** A section that has no screen yet says so, plainly. */
export function UnderConstruction({ section }: { section: string }) {
  return (
    <Result
      status="info"
      title="Module en construction"
      subTitle={`La section « ${section} » n'est pas encore disponible. Elle arrivera dans une prochaine version du portail.`}
    />
  );
}

function reloadButton() {
  return (
    <Button type="primary" onClick={() => window.location.reload()}>
      Recharger
    </Button>
  );
}

/** Shown by a remote's error boundary when one of its screens throws. */
export function RemoteCrash() {
  return (
    <Result
      status="error"
      title="Ce module a rencontré une erreur"
      subTitle="Rechargez la page. Si le problème persiste, prévenez un administrateur."
      extra={reloadButton()}
    />
  );
}

/** Shown by the shell in a remote's area when the remote's code could not be loaded. */
export function RemoteUnavailable({ label }: { label: string }) {
  return (
    <Result
      status="warning"
      title="Module indisponible"
      subTitle={`Le module « ${label} » n'a pas pu être chargé. Le reste du portail reste utilisable ; réessayez dans quelques instants.`}
      extra={reloadButton()}
    />
  );
}

/** 404 inside the shell or a remote. */
export function PageNotFound({ homeHref = '/' }: { homeHref?: string }) {
  return (
    <Result
      status="404"
      title="Page introuvable"
      subTitle="Cette page n'existe pas ou a été déplacée."
      extra={
        <Button type="primary" onClick={() => navigateTo(homeHref)}>
          Retour à l'accueil
        </Button>
      }
    />
  );
}

/** The version tag every remote shows, e.g. "mfe-crm v1.4.2". */
export function RemoteVersionTag({ name, version }: { name: string; version: string }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      <span data-testid="remote-version">
        {name} v{version}
      </span>
    </Typography.Text>
  );
}

/** Frame of a remote's pages: the page, then a discreet footer with the remote's version. */
export function RemoteFrame({ name, version, children }: { name: string; version: string; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', minHeight: '100%' }}>
      <div style={{ flex: 1 }}>{children}</div>
      <footer style={{ marginTop: 24, textAlign: 'right' }}>
        <RemoteVersionTag name={name} version={version} />
      </footer>
    </div>
  );
}
