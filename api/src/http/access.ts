/**
 * What a route declares about who may call it, attached to its guard middleware so that the route
 * permission snapshot (route-list.ts, api/test/api/routes.test.ts) can read it from the Express
 * router stack: a route without a declaration fails that test.
 */
import type { RequestHandler } from 'express';
import type { Action, ModuleKey, Subject } from '../contracts/index.js';

export type Access =
  /** The caller's role needs the module and the action on the subject; the scope goes in the query. */
  | { kind: 'permission'; module: ModuleKey; action: Action; subject: Subject }
  /** Any signed-in, active member (his own profile, notifications…). */
  | { kind: 'authenticated' }
  /** Anyone: sign-in, configuration, static files. `why` is shown in the snapshot. */
  | { kind: 'public'; why: string }
  /** A third party that authenticates itself (token, signature) instead of a session. */
  | { kind: 'webhook'; why: string }
  /** A signed-in member whose role has the module of the remote bundle named in the path. */
  | { kind: 'remote-module' };

const ACCESS = Symbol.for('digiweb.route-access');

/** Attaches a declaration to a guard. */
export function declareAccess<H extends RequestHandler>(handler: H, access: Access): H {
  Object.defineProperty(handler, ACCESS, { value: access, enumerable: false });
  return handler;
}

/** The declaration a handler carries, if any. */
export function accessOf(handler: unknown): Access | undefined {
  return typeof handler === 'function' ? (handler as unknown as Record<symbol, Access>)[ACCESS] : undefined;
}

const pass: RequestHandler = (_req, _res, next) => next();

/** Declares a route open to anyone, and says why. */
export function publicRoute(why: string): RequestHandler {
  return declareAccess(((req, res, next) => pass(req, res, next)) as RequestHandler, { kind: 'public', why });
}

/** Declares a webhook: the route authenticates its caller itself. */
export function webhookRoute(why: string): RequestHandler {
  return declareAccess(((req, res, next) => pass(req, res, next)) as RequestHandler, { kind: 'webhook', why });
}

export function describeAccess(access: Access | undefined): string {
  if (!access) return 'UNDECLARED';
  switch (access.kind) {
    case 'permission':
      return `${access.module}, ${access.action}, ${access.subject}`;
    case 'authenticated':
      return 'authenticated';
    case 'public':
      return `public (${access.why})`;
    case 'webhook':
      return `webhook (${access.why})`;
    case 'remote-module':
      return "authenticated, the remote's module";
  }
}
