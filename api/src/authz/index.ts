/**
 * The one authorization layer. A route declares (module, action, subject); this checks the caller's
 * role has the module and the action, and gives the handler the caller's scope as a MongoDB
 * condition to put inside its query. A record outside the scope is simply not found (404).
 */
import { accessibleBy } from '@casl/mongoose';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  defineAbility,
  hasModule,
  type Action,
  type AppAbility,
  type ModuleKey,
  type RolePermissions,
  type Subject,
} from '../contracts/index.js';
import { declareAccess } from '../http/access.js';
import { forbidden, HttpError, SESSION_EXPIRED_DETAIL } from '../http/errors.js';
import { teamMemberIds, type UserDoc } from '../team/user.model.js';
import { getRolePermissions } from './role-permission.model.js';

export interface AuthContext {
  user: UserDoc;
  permissions: RolePermissions;
  ability: AppAbility;
  teamMemberIds: string[];
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext;
  }
}

export async function buildAuthContext(user: UserDoc): Promise<AuthContext> {
  const permissions = await getRolePermissions(user.role);
  const needsTeam = permissions.rules.some((r) => r.scope === 'team');
  const team = needsTeam ? await teamMemberIds(user) : [String(user._id)];
  const ability = defineAbility(permissions, { id: String(user._id), teamMemberIds: team });
  return { user, permissions, ability, teamMemberIds: team };
}

/** The 401 of a request without a signed-in member; it says so when his session has just expired. */
export function signInRequired(req: Request): HttpError {
  return new HttpError(401, req.sessionExpired ? SESSION_EXPIRED_DETAIL : 'Connectez-vous pour continuer.');
}

async function ensureAuth(req: Request): Promise<AuthContext> {
  if (!req.user) throw signInRequired(req);
  req.auth ??= await buildAuthContext(req.user as UserDoc);
  return req.auth;
}

/** Any signed-in, active member. */
export const requireAuth: RequestHandler = declareAccess(
  (req, _res, next) => {
    ensureAuth(req).then(() => next(), next);
  },
  { kind: 'authenticated' },
);

/** Declares what a route needs: the module, then the action on the subject. */
export function requirePermission(module: ModuleKey, action: Action, subject: Subject): RequestHandler {
  const guard = (req: Request, _res: Response, next: NextFunction) => {
    ensureAuth(req)
      .then((auth) => {
        if (!hasModule(auth.permissions, module)) throw forbidden("Votre rôle n'a pas accès à ce module.");
        if (!auth.ability.can(action, subject)) throw forbidden();
        next();
      })
      .catch(next);
  };
  return declareAccess(guard, { kind: 'permission', module, action, subject });
}

/** The caller's scope for (action, subject) as a query condition; put it inside every query. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Filter = Record<string, any>;

export function scopeFilter(req: Request, action: Action, subject: Subject): Filter {
  if (!req.auth) throw new HttpError(401);
  return accessibleBy(req.auth.ability, action).ofType(subject);
}

export function can(req: Request, action: Action, subject: Subject): boolean {
  return Boolean(req.auth?.ability.can(action, subject));
}
