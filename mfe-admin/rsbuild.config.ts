import { remoteConfig } from '@digiweb/shared-ui/build';

export default remoteConfig({ name: 'mfe-admin', dir: import.meta.dirname });
