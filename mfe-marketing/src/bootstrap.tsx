/** Standalone entry: the module is meant to be mounted by the portal's shell through `./spa`. */
import { renderStandalone } from '@digiweb/shared-ui/module-spa';

renderStandalone(__REMOTE_NAME__, __REMOTE_VERSION__);
