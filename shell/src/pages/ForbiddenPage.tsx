import { Button, Result } from 'antd';
import { useNavigate } from '@tanstack/react-router';
import { useSession } from '@digiweb/shared-ui';

export function ForbiddenPage() {
  const { me } = useSession();
  const navigate = useNavigate();
  return (
    <div data-testid="forbidden-page">
      <Result
        status="403"
        title="Accès refusé"
        subTitle={`Votre rôle (${me.roleLabel}) ne donne pas accès à cette page.`}
        extra={
          <Button type="primary" onClick={() => void navigate({ to: '/' })}>
            Retour à l'accueil
          </Button>
        }
      />
    </div>
  );
}
