import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Problem } from '../contracts/index.js';

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Accès refusé',
  404: 'Introuvable',
  409: 'Conflit',
  413: 'Contenu trop volumineux',
  422: 'Données invalides',
  429: 'Trop de tentatives',
  500: 'Erreur interne',
  502: 'Service externe en erreur',
  503: 'Service indisponible',
};

export class HttpError extends Error {
  constructor(
    public status: number,
    public detail?: string,
    public errors?: Problem['errors'],
  ) {
    super(detail ?? TITLES[status] ?? 'Erreur');
  }
}

/** 401 detail when the request came with a session that has just expired (absolute or idle limit). */
export const SESSION_EXPIRED_DETAIL = 'Votre session a expiré : reconnectez-vous.';

export const notFound = (detail = "Cette ressource n'existe pas ou vous n'y avez pas accès.") =>
  new HttpError(404, detail);
export const forbidden = (detail = 'Votre rôle ne permet pas cette action.') => new HttpError(403, detail);

export function zodProblemErrors(err: ZodError): Problem['errors'] {
  return err.issues.map((i) => ({
    path: i.path.join('.'),
    message:
      i.code === 'unrecognized_keys'
        ? `Champ(s) non autorisé(s) : ${i.keys.join(', ')}.`
        : // Zod's own English message ("Invalid input: expected …"), where the schema set no French one.
          i.code === 'invalid_type' && i.message.startsWith('Invalid input')
          ? 'Valeur manquante ou de type incorrect.'
          : i.message,
  }));
}

function send(res: Parameters<ErrorRequestHandler>[2], problem: Problem) {
  res.status(problem.status).type('application/problem+json').json(problem);
}

export const apiNotFound: RequestHandler = (req, res) => {
  send(res, {
    type: 'about:blank',
    title: TITLES[404]!,
    status: 404,
    detail: `Aucune route ${req.method} ${req.path}.`,
  });
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) return;
  if (err instanceof ZodError) {
    return send(res, {
      type: 'about:blank',
      title: TITLES[422]!,
      status: 422,
      detail: 'Certaines valeurs sont invalides.',
      errors: zodProblemErrors(err),
    });
  }
  if (err instanceof HttpError) {
    return send(res, {
      type: 'about:blank',
      title: TITLES[err.status] ?? 'Erreur',
      status: err.status,
      detail: err.detail,
      errors: err.errors,
    });
  }
  const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 400 && err?.type === 'entity.parse.failed') {
    return send(res, {
      type: 'about:blank',
      title: TITLES[400]!,
      status,
      detail: "Le corps de la requête n'est pas du JSON valide.",
    });
  }
  if (status === 413) {
    return send(res, {
      type: 'about:blank',
      title: TITLES[413]!,
      status,
      detail: 'La requête dépasse la taille autorisée.',
    });
  }
  if (err?.code === 'EBADCSRFTOKEN' || err?.message === 'invalid csrf token') {
    // The token lived in the session that just expired: signing in again is what the caller needs.
    if (req.sessionExpired) {
      return send(res, { type: 'about:blank', title: TITLES[401]!, status: 401, detail: SESSION_EXPIRED_DETAIL });
    }
    return send(res, {
      type: 'about:blank',
      title: TITLES[403]!,
      status: 403,
      detail: 'Jeton de sécurité (CSRF) manquant ou expiré. Rechargez la page.',
    });
  }
  if (err?.code === 11000) {
    return send(res, {
      type: 'about:blank',
      title: TITLES[409]!,
      status: 409,
      detail: 'Cet enregistrement existe déjà.',
    });
  }
  req.log?.error({ err }, 'unhandled error');
  send(res, {
    type: 'about:blank',
    title: TITLES[status] ?? 'Erreur',
    status,
    detail: status === 500 ? 'Une erreur inattendue est survenue. Réessayez plus tard.' : err?.message,
  });
};
