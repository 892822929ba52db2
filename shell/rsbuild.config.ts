import { hostConfig } from '@digiweb/shared-ui/build';

export default hostConfig({ dir: import.meta.dirname });
