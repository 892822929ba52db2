/**
 * Paths the shell's router does not own. Under an entitled module prefix the remote mounted by
 * single-spa fills the layout's slot, so nothing is rendered here; under a module the role does not
 * open, the 403 page; anywhere else, the 404 page.
 */
import { useLocation } from '@tanstack/react-router';
import { PageNotFound, RemoteUnavailable, useSession } from '@digiweb/shared-ui';
import { MODULE_INFO } from '@digiweb/api/contracts';
import { isEntitled, moduleOfPath, remoteOf } from '../modules';
import { ForbiddenPage } from './ForbiddenPage';

export function ModuleArea() {
  const { me } = useSession();
  const pathname = useLocation({ select: (l) => l.pathname });
  const module = moduleOfPath(pathname);
  if (!module) return <PageNotFound />;
  if (!isEntitled(me, module)) return <ForbiddenPage />;
  // Entitled but no version deployed: nothing to load.
  if (!remoteOf(me, module)) return <RemoteUnavailable label={MODULE_INFO[module].label} />;
  return null;
}
