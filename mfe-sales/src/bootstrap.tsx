/**
 * Standalone entry. The module is meant to be mounted by the portal's shell through its `./spa`
 * exposed module; opened on its own it only says where to find it.
 */
import { createRoot } from 'react-dom/client';
import { Result } from 'antd';
import { AppProviders } from '@digiweb/shared-ui';

const el = document.getElementById('root');
if (el) {
  createRoot(el).render(
    <AppProviders>
      <Result
        status="info"
        title={`${__REMOTE_NAME__} v${__REMOTE_VERSION__}`}
        subTitle="Ce module s'affiche dans le portail DigiWeb ERP : ouvrez-le depuis le portail."
      />
    </AppProviders>,
  );
}
