import { remoteConfig } from '@digiweb/shared-ui/build';

export default remoteConfig({ name: 'mfe-personal-space', dir: import.meta.dirname });
