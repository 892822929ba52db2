import passport from 'passport';
import { Strategy as GoogleStrategy, type Profile, type VerifyCallback } from 'passport-google-oauth20';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Config } from '../config.js';
import { User, type UserDoc } from '../team/user.model.js';
import { verifyPassword } from './passwords.js';

export type GoogleRefusal = 'domaine' | 'inconnu' | 'inactif' | 'email';

export function configurePassport(config: Config): passport.PassportStatic {
  passport.serializeUser((user, done) => done(null, String((user as UserDoc)._id)));
  passport.deserializeUser((id: string, done) => {
    User.findById(id)
      .then((user) => done(null, user && user.status === 'active' ? user : false))
      .catch(done);
  });

  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      User.findOne({ email: String(email).toLowerCase().trim() })
        .select('+passwordHash')
        .then(async (user) => {
          const ok = await verifyPassword(password, user?.passwordHash);
          if (!user || !ok) return done(null, false, { message: 'E-mail ou mot de passe incorrect.' });
          if (user.status !== 'active') return done(null, false, { message: 'Ce compte est désactivé.' });
          return done(null, user);
        })
        .catch(done);
    }),
  );

  if (config.googleEnabled) {
    passport.use(
      new GoogleStrategy(
        {
          clientID: config.GOOGLE_CLIENT_ID!,
          clientSecret: config.GOOGLE_CLIENT_SECRET!,
          callbackURL: `${config.PUBLIC_URL ?? ''}/api/auth/google/callback`,
          authorizationURL: config.GOOGLE_AUTH_URL,
          tokenURL: config.GOOGLE_TOKEN_URL,
          userProfileURL: config.GOOGLE_USERINFO_URL,
          state: true,
        },
        (_access: string, _refresh: string, profile: Profile, done: VerifyCallback) => {
          const email = profile.emails?.find((e) => e.verified !== false)?.value?.toLowerCase();
          if (!email) return done(null, false, { reason: 'email' satisfies GoogleRefusal });
          const domain = email.split('@')[1] ?? '';
          if (!config.GOOGLE_ALLOWED_DOMAINS.includes(domain))
            return done(null, false, { reason: 'domaine' satisfies GoogleRefusal, email });
          User.findOne({ email })
            .then((user) => {
              if (!user) return done(null, false, { reason: 'inconnu' satisfies GoogleRefusal, email });
              if (user.status !== 'active') return done(null, false, { reason: 'inactif' satisfies GoogleRefusal, email });
              return done(null, user);
            })
            .catch(done);
        },
      ),
    );
  }
  return passport;
}
