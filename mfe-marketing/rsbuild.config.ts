import { remoteConfig } from '@digiweb/shared-ui/build';

export default remoteConfig({ name: 'mfe-marketing', dir: import.meta.dirname });
