/** The module as a single-spa application, exposed to the shell as `./spa`. */
import { createModuleSpa } from '@digiweb/shared-ui/module-spa';

export const { bootstrap, mount, unmount } = createModuleSpa({
  module: 'personal',
  version: __REMOTE_VERSION__,
  pages: {},
});
