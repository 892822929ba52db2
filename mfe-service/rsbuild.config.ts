import { remoteConfig } from '@digiweb/shared-ui/build';

export default remoteConfig({ name: 'mfe-service', dir: import.meta.dirname });
