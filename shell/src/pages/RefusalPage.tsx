/** Where the Google sign-in callback sends a refused member: why, in French, and a way back. */
import { Result } from 'antd';
import { Link, useSearch } from '@tanstack/react-router';

type Reason = { title: string; detail: string };

const FAILED: Reason = {
  title: 'Connexion impossible',
  detail: 'La connexion avec Google a échoué. Réessayez dans quelques instants.',
};

const REASONS: Partial<Record<string, Reason>> = {
  domaine: {
    title: 'Domaine non autorisé',
    detail:
      "Votre compte Google n'appartient pas à un domaine autorisé. Connectez-vous avec votre adresse professionnelle.",
  },
  inconnu: {
    title: 'Compte inconnu',
    detail: "Aucun membre actif n'a cette adresse : demandez à un administrateur de vous ajouter.",
  },
  inactif: {
    title: 'Compte désactivé',
    detail: 'Votre compte est désactivé. Adressez-vous à un administrateur si vous pensez que c’est une erreur.',
  },
  email: {
    title: 'Adresse e-mail non vérifiée',
    detail: "Google n'a pas fourni d'adresse e-mail vérifiée pour ce compte.",
  },
  erreur: FAILED,
};

export function RefusalPage() {
  const { raison } = useSearch({ from: '/connexion/refus' });
  const reason = (raison && REASONS[raison]) || FAILED;
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 24 }}>
      <Result
        status="error"
        title={reason.title}
        subTitle={<span data-testid="refusal-reason">{reason.detail}</span>}
        extra={
          <Link to="/connexion" data-testid="back-to-login">
            Retour à la connexion
          </Link>
        }
      />
    </div>
  );
}
