/** The module as a single-spa application, exposed to the shell as `./spa`. */
import { lazyRouteComponent } from '@tanstack/react-router';
import { createModuleSpa } from '@digiweb/shared-ui/module-spa';
import ContactsPage from './contacts/ContactsPage';

export const { bootstrap, mount, unmount } = createModuleSpa({
  module: 'crm',
  version: __REMOTE_VERSION__,
  pages: {
    '/crm/contacts': ContactsPage,
    // The kanban (dnd-kit, virtualisation) is its own chunk, fetched when the page opens.
    '/crm/deals': lazyRouteComponent(() => import('./deals/DealsPage')),
    '/crm/activites': lazyRouteComponent(() => import('./activities/ActivitiesPage')),
    // Card grid and map of France (d3, supercluster, outlines: in the map's own chunk).
    '/crm/entreprises': lazyRouteComponent(() => import('./companies/CompaniesPage')),
  },
});
