/** Which module a path belongs to, whether the member's role opens it, and which remote serves it. */
import { MODULE_INFO, MODULES, type MeResponse, type ModuleKey, type RemoteEntry } from '@digiweb/api/contracts';

export function moduleOfPath(pathname: string): ModuleKey | undefined {
  return MODULES.find((m) => {
    const { prefix } = MODULE_INFO[m];
    return pathname === prefix || pathname.startsWith(`${prefix}/`);
  });
}

/** The role opens the module (the API decides; `me.modules` is its answer). */
export function isEntitled(me: MeResponse, module: ModuleKey): boolean {
  return me.modules.includes(module);
}

/** The deployed remote serving the module for this member, if any. */
export function remoteOf(me: MeResponse, module: ModuleKey): RemoteEntry | undefined {
  return me.remotes.find((r) => r.module === module);
}
