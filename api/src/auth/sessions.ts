import MongoStore from 'connect-mongo';
import session from 'express-session';
import mongoose from 'mongoose';
import type { Config } from '../config.js';

export const SESSION_COLLECTION = 'sessions';
export const SESSION_COOKIE = 'digiweb.sid';

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
      maxAge: 1000 * 60 * 60 * 10,
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
