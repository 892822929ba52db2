import { Router, type NextFunction, type Request, type Response } from 'express';
import passport from 'passport';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import { requireAuth } from '../authz/index.js';
import type { Config } from '../config.js';
import {
  notificationPreferencesSchema,
  passwordChangeSchema,
  ROLE_LABELS,
  ROLES,
  type AuthConfig,
  type MeResponse,
  type Role,
} from '../contracts/index.js';
import { publicRoute } from '../http/access.js';
import { HttpError } from '../http/errors.js';
import { routeTable } from '../http/route.js';
import { parse } from '../http/validate.js';
import { entitledRemotes } from '../remotes/registry.js';
import { toPreferences, toUserDto, User, type UserDoc } from '../team/user.model.js';
import { csrf } from './csrf.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { markSignedIn, revokeSessionsOf, saveSession } from './sessions.js';
import { DEMO_LOGIN_EMAILS } from '../demo/accounts.js';
import type { GoogleRefusal } from './passport.js';
import type { LoginLimiter } from './rate-limit.js';

/** Only a well-formed address reaches the throttle and the audit log (no free text in audit entries). */
const loginEmail = z
  .string({ message: 'Adresse e-mail invalide.' })
  .trim()
  .toLowerCase()
  .max(254, { message: 'Adresse e-mail invalide.' })
  .pipe(z.email({ message: 'Adresse e-mail invalide.' }));

const loginSchema = z
  .object({
    email: loginEmail,
    password: z.string().min(1, { message: 'Le mot de passe est obligatoire.' }).max(200),
  })
  .strict();

const demoLoginSchema = z.object({ role: z.enum(ROLES) }).strict();

/**
 * Signs the member in (every login path goes through here) and returns the new session's CSRF token.
 * Passport regenerates the session, so the sign-in time the session limits count from is written
 * into the new one, and stored before the answer (saveSession): the client's next request must not
 * find the session without its sign-in time, hence expired.
 */
async function logIn(req: Request, user: UserDoc): Promise<string> {
  await new Promise<void>((resolve, reject) => req.logIn(user, (err) => (err ? reject(err) : resolve())));
  markSignedIn(req);
  const csrfToken = csrf.generateToken(req, true);
  await saveSession(req);
  return csrfToken;
}

/** The one-click demo account of a role (demo data set). */
async function demoAccount(role: Role) {
  return User.findOne({ email: DEMO_LOGIN_EMAILS[role], role, status: 'active' });
}

export function authRouter(config: Config, limiter: LoginLimiter): Router {
  const router = Router();

  router.get('/auth/config', publicRoute('sign-in page configuration'), async (req, res) => {
    const hadToken = typeof req.session.csrfToken === 'string';
    const body: AuthConfig = {
      demoMode: config.DEMO_MODE,
      googleEnabled: config.googleEnabled,
      demoAccounts: [],
      csrfToken: csrf.generateToken(req),
    };
    // A new token is stored before the answer, for the sign-in the page sends right after it.
    if (!hadToken) await saveSession(req);
    if (config.DEMO_MODE) {
      for (const role of ROLES) {
        const u = await demoAccount(role);
        if (u)
          body.demoAccounts.push({
            role,
            label: ROLE_LABELS[role],
            name: `${u.firstName} ${u.lastName}`,
            email: u.email,
          });
      }
    }
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.post('/auth/login', publicRoute('sign-in'), csrf.csrfSynchronisedProtection, async (req, res, next) => {
    try {
      const { email } = parse(loginSchema, req.body);
      const ip = req.ip ?? 'unknown';
      const wait = await limiter.retryAfter(ip, email);
      if (wait > 0) {
        res.set('Retry-After', String(wait));
        throw new HttpError(429, `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(wait / 60)} minute(s).`);
      }
      passport.authenticate('local', async (err: unknown, user: UserDoc | false, info?: { message?: string }) => {
        try {
          if (err) throw err;
          if (!user) {
            await limiter.recordFailure(ip, email);
            await audit(req, 'auth.login_failed', { actorEmail: email });
            throw new HttpError(401, info?.message ?? 'E-mail ou mot de passe incorrect.');
          }
          await limiter.recordSuccess(ip, email);
          const csrfToken = await logIn(req, user);
          await User.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
          await audit(req, 'auth.login', { details: { method: 'password' } });
          res.json({ ok: true, csrfToken });
        } catch (e) {
          next(e);
        }
      })(req, res, next);
    } catch (err) {
      next(err);
    }
  });

  if (config.DEMO_MODE) {
    router.post('/auth/demo-login', publicRoute('demo mode only'), csrf.csrfSynchronisedProtection, async (req, res, next) => {
      try {
        const { role } = parse(demoLoginSchema, req.body);
        const user = await demoAccount(role);
        if (!user) throw new HttpError(404, 'Aucun compte de démonstration pour ce rôle. Lancez « npm run seed ».');
        const csrfToken = await logIn(req, user);
        await audit(req, 'auth.login', { details: { method: 'demo' } });
        res.json({ ok: true, csrfToken });
      } catch (err) {
        next(err);
      }
    });
  }

  router.post('/auth/logout', publicRoute('sign-out'), csrf.csrfSynchronisedProtection, (req, res, next) => {
    const wasUser = req.user;
    if (wasUser) void audit(req, 'auth.logout');
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy((e) => {
        if (e) return next(e);
        res.clearCookie('digiweb.sid').json({ ok: true });
      });
    });
  });

  if (config.googleEnabled) {
    router.get(
      '/auth/google',
      publicRoute('Google sign-in'),
      passport.authenticate('google', { scope: ['openid', 'email', 'profile'], prompt: 'select_account' }),
    );
    router.get('/auth/google/callback', publicRoute('Google sign-in'), (req: Request, res: Response, next: NextFunction) => {
      passport.authenticate(
        'google',
        async (
          err: unknown,
          user: UserDoc | false,
          info?: { reason?: GoogleRefusal; email?: string; message?: string },
        ) => {
          try {
            if (err) {
              req.log.warn({ err }, 'google sign-in failed');
              return res.redirect('/connexion/refus?raison=erreur');
            }
            if (!user) {
              const reason = info?.reason ?? 'erreur';
              await audit(req, 'auth.google_refused', { actorEmail: info?.email, details: { reason } });
              return res.redirect(`/connexion/refus?raison=${encodeURIComponent(reason)}`);
            }
            await logIn(req, user);
            await User.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
            await audit(req, 'auth.login', { details: { method: 'google' } });
            res.redirect('/');
          } catch (e) {
            next(e);
          }
        },
      )(req, res, next);
    });
  }

  // Sign-in, sign-out and Google's flow above are passport middleware (they call `next`); the
  // member's own routes are declared as data.
  const r = routeTable(router);
  const csrfCheck = csrf.csrfSynchronisedProtection;

  r.get('/me', {
    access: requireAuth,
    handler: async ({ req, res }): Promise<MeResponse> => {
      const auth = req.auth!;
      res.set('Cache-Control', 'no-store');
      return {
        user: toUserDto(auth.user),
        role: auth.user.role,
        roleLabel: ROLE_LABELS[auth.user.role],
        modules: auth.permissions.modules,
        rules: auth.permissions.rules,
        teamMemberIds: auth.teamMemberIds,
        remotes: await entitledRemotes(auth.permissions.modules, config.REMOTES_BASE_URL),
        demoMode: config.DEMO_MODE,
        csrfToken: csrf.generateToken(req),
      };
    },
  });

  /** A member's own notification choices. */
  r.get('/me/preferences', {
    access: requireAuth,
    handler: ({ req, res }) => {
      res.set('Cache-Control', 'no-store');
      return toPreferences(req.auth!.user);
    },
  });
  r.put('/me/preferences', {
    access: requireAuth,
    before: [csrfCheck],
    body: notificationPreferencesSchema,
    handler: async ({ req, body }) => {
      await User.updateOne({ _id: req.auth!.user._id }, { $set: { 'preferences.reminderEmail': body.reminderEmail } });
      return body;
    },
  });

  /**
   * A member changes his own password. The current one is checked under the login throttle (a stolen
   * session cannot guess it); the member's other sessions are closed, this one stays open.
   */
  r.post('/me/password', {
    access: requireAuth,
    before: [csrfCheck],
    body: passwordChangeSchema,
    handler: async ({ req, res, body: input }) => {
      const me = req.auth!.user;
      const ip = req.ip ?? 'unknown';
      const wait = await limiter.retryAfter(ip, me.email);
      if (wait > 0) {
        res.set('Retry-After', String(wait));
        throw new HttpError(429, `Trop de tentatives. Réessayez dans ${Math.ceil(wait / 60)} minute(s).`);
      }
      const stored = await User.findById(me._id).select('+passwordHash');
      if (!stored?.passwordHash) {
        throw new HttpError(
          409,
          "Votre compte n'a pas de mot de passe : connectez-vous avec Google, ou demandez-en un à un administrateur.",
        );
      }
      if (!(await verifyPassword(input.currentPassword, stored.passwordHash))) {
        await limiter.recordFailure(ip, me.email);
        throw new HttpError(422, 'Le mot de passe actuel est incorrect.', [
          { path: 'currentPassword', message: 'Le mot de passe actuel est incorrect.' },
        ]);
      }
      await User.updateOne({ _id: me._id }, { $set: { passwordHash: await hashPassword(input.newPassword) } });
      const closed = await revokeSessionsOf(String(me._id), req.sessionID);
      await audit(req, 'auth.password_change', {
        subject: 'User',
        subjectId: String(me._id),
        details: { sessionsClosed: closed },
      });
      return { ok: true, sessionsClosed: closed };
    },
  });

  return router;
}
