/** The module as a single-spa application, exposed to the shell as `./spa`. */
import { createModuleSpa } from '@digiweb/shared-ui/module-spa';
import TeamPage from './team/TeamPage';

export const { bootstrap, mount, unmount } = createModuleSpa({
  module: 'admin',
  version: __REMOTE_VERSION__,
  pages: { '/admin/equipe': TeamPage },
});
