import MongoStore from 'connect-mongo';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import mongoose from 'mongoose';
import { clock } from '../clock.js';
import type { Config } from '../config.js';
import { BACKGROUND_REQUEST_HEADER, IDLE_MINUTES_MAX } from '../contracts/index.js';
import { idleLimitMinutes } from './security-settings.js';

export const SESSION_COLLECTION = 'sessions';
export const SESSION_COOKIE = 'digiweb.sid';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
/** How precisely the last activity is kept (the idle limit may run up to this much late). */
const SEEN_PRECISION_MS = MINUTE;

declare module 'express-session' {
  interface SessionData {
    /** When the member signed in (clock.now(), ms): the absolute lifetime counts from it. */
    signedInAt?: number;
    /** The member's last request (clock.now(), ms): the idle limit counts from it. */
    lastSeenAt?: number;
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The request came with a session that has just been closed for its age or inactivity. */
    sessionExpired?: boolean;
  }
}

/**
 * Stores the session now rather than when the answer ends: express-session saves it while the answer
 * is already on its way, so a request the client sends as soon as it has the headers (or follows a
 * redirect) could read the session as it was before.
 */
export function saveSession(req: Request): Promise<void> {
  return new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

/** Starts the session limits of a member who has just signed in (after passport's logIn). */
export function markSignedIn(req: Request): void {
  const now = clock.now();
  req.session.signedInAt = now;
  req.session.lastSeenAt = now;
}

/**
 * Session limits (ASVS 3.3.2), checked on every request of a signed-in member, right after passport
 * has found him: an absolute lifetime from sign-in (SESSION_ABSOLUTE_HOURS), however active he is,
 * and an idle limit from his last request (set by administrators, Administration → Sécurité). An
 * expired session is destroyed and the request goes on as anonymous, so that protected routes answer
 * 401 (saying the session expired) and public ones (login page, configuration) work. A session
 * without a sign-in time (opened before these limits existed) is expired too.
 */
export function sessionLimits(config: Config): RequestHandler {
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * HOUR;
  return (req, _res, next) => {
    if (!req.user) return next();
    idleLimitMinutes().then((idleMinutes) => {
      const now = clock.now();
      const { signedInAt, lastSeenAt } = req.session;
      const expired =
        signedInAt === undefined ||
        lastSeenAt === undefined ||
        now - signedInAt >= absoluteMs ||
        now - lastSeenAt >= idleMinutes * MINUTE;
      if (!expired) {
        // A poll the page makes on its own (BACKGROUND_REQUEST_HEADER) is not the member's activity.
        // Recorded at most once a minute: an unchanged session is not written back to the store.
        if (req.get(BACKGROUND_REQUEST_HEADER) !== '1' && now - lastSeenAt >= SEEN_PRECISION_MS)
          req.session.lastSeenAt = now;
        return next();
      }
      req.user = undefined;
      req.sessionExpired = true;
      // Removes the session from the store and starts an empty one (no member, no CSRF token).
      req.session.regenerate(next);
    }, next);
  };
}

/** Sessions live in MongoDB (shared by every API instance); the cookie is httpOnly and SameSite=Lax. */
export function sessionMiddleware(config: Config) {
  return session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: config.TRUST_PROXY,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.COOKIE_SECURE || config.production,
      // The longest idle limit an administrator may set: the limit itself is checked by sessionLimits.
      maxAge: IDLE_MINUTES_MAX * MINUTE,
    },
    store: MongoStore.create({
      client: mongoose.connection.getClient() as never,
      collectionName: SESSION_COLLECTION,
      // Stored as documents so that a member's sessions can be found and revoked by user id.
      stringify: false,
      // FerretDB v1 has no TTL indexes: expired sessions are removed by a periodic sweep.
      autoRemove: 'interval',
      autoRemoveInterval: 10,
    }),
  });
}

/**
 * Revokes every session of a member at once (deactivation, role change), or every one but `keep`
 * (the session that changed the password stays open).
 */
export async function revokeSessionsOf(userId: string, keep?: string): Promise<number> {
  const res = await mongoose.connection
    .collection<{ _id: string }>(SESSION_COLLECTION)
    .deleteMany(keep ? { 'session.passport.user': userId, _id: { $ne: keep } } : { 'session.passport.user': userId });
  return res.deletedCount;
}
