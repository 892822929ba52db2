/** The module as a single-spa application, exposed to the shell as `./spa`. */
import { createModuleSpa } from '@digiweb/shared-ui/module-spa';

export const { bootstrap, mount, unmount } = createModuleSpa({
  module: 'service',
  version: __REMOTE_VERSION__,
  pages: {},
});
