import { remoteConfig } from '@digiweb/shared-ui/build';

export default remoteConfig({ name: 'mfe-crm', dir: import.meta.dirname });
