/** The module as a single-spa application, exposed to the shell as `./spa`. */
import { createModuleSpa } from '@digiweb/shared-ui/module-spa';
import AuditPage from './audit/AuditPage';
import IntegrationsPage from './integrations/IntegrationsPage';
import JobsPage from './jobs/JobsPage';
import OutboxPage from './outbox/OutboxPage';
import SecurityPage from './security/SecurityPage';
import TeamPage from './team/TeamPage';

export const { bootstrap, mount, unmount } = createModuleSpa({
  module: 'admin',
  version: __REMOTE_VERSION__,
  pages: {
    '/admin/equipe': TeamPage,
    '/admin/integrations': IntegrationsPage,
    '/admin/securite': SecurityPage,
    '/admin/taches': JobsPage,
    '/admin/journal': AuditPage,
    '/admin/boite-envoi': OutboxPage,
  },
});
