import compression from 'compression';
import express, { Router } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pinoHttp } from 'pino-http';
import { csrf } from './auth/csrf.js';
import { configurePassport } from './auth/passport.js';
import { createLoginLimiter } from './auth/rate-limit.js';
import { authRouter } from './auth/routes.js';
import { sessionLimits, sessionMiddleware } from './auth/sessions.js';
import type { Config } from './config.js';
import { integrationsRouter } from './admin/integrations.js';
import { adminRouter } from './admin/routes.js';
import { securityRouter } from './admin/security.js';
import { activitiesRouter, aircallWebhookRouter, defineActivityJobs } from './crm/activities/index.js';
import { companiesRouter } from './crm/companies/index.js';
import { contactsRouter, contactToolsRouter, defineQualityJobs, savedFiltersRouter } from './crm/contacts/index.js';
import { dealsRouter } from './crm/deals/index.js';
import { configureConnectorHttp } from './connectors/http.js';
import { configureConnectors } from './connectors/registry.js';
import { configureSecrets } from './connectors/secrets.js';
import { databaseHealth } from './db/connection.js';
import { exportsRouter } from './exports/index.js';
import { filesRouter } from './files/files.routes.js';
import { defineImportJobs, importsRouter } from './imports/index.js';
import { defineJobsCleanup, jobsAdminRouter } from './jobs/admin.js';
import { publicRoute } from './http/access.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { logger } from './logger.js';
import { configureMailer } from './mail/index.js';
import { notificationsRouter } from './notifications/routes.js';
import { remoteAssetsRouter } from './remotes/routes.js';
import { teamRouter } from './team/routes.js';

/** X-Request-Id values a client (or a proxy) may choose; anything else is replaced by a new UUID. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Builds the HTTP application. The database must already be connected. */
export async function createApp(config: Config) {
  logger.level = config.LOG_LEVEL;
  configureMailer(config);
  configureSecrets({ current: config.secretsKey, previous: config.SECRETS_KEY_PREVIOUS });
  configureConnectorHttp({
    timeoutMs: config.CONNECTOR_TIMEOUT_MS,
    maxAttempts: config.CONNECTOR_MAX_ATTEMPTS,
    retryBaseMs: config.CONNECTOR_RETRY_BASE_MS,
  });
  configureConnectors(config);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (config.TRUST_PROXY) app.set('trust proxy', 1);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        // A caller's id is kept only when it cannot forge log or audit lines (no spaces, no markup).
        const existing = req.headers['x-request-id'];
        const id = typeof existing === 'string' && SAFE_REQUEST_ID.test(existing) ? existing : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => Boolean(req.url?.startsWith('/static/') || req.url?.startsWith('/remotes/')) },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'https:'],
          'connect-src': ["'self'"],
          'upgrade-insecure-requests': config.production ? [] : null,
        },
      },
    }),
  );
  app.use(compression());

  app.get('/api/health', publicRoute('health check'), async (_req, res) => {
    const db = await databaseHealth();
    res
      .status(db.ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: db.ok ? 'ok' : 'degraded', db });
  });

  // The shell's files are public and never change once built: they are served before the session,
  // passport and the session limits, which read the database. A chunk must not wait for (or fail
  // with) a session lookup while the page's first API calls write the same session: under load
  // that answered 500 (as application/problem+json, from the API error handler) and left a blank page.
  const shellIndex = path.join(config.SHELL_DIR, 'index.html');
  app.use(
    express.static(config.SHELL_DIR, {
      index: false,
      setHeaders(res, file) {
        res.setHeader('Cache-Control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    }),
  );
  // A missing asset is a plain 404, never the SPA page (HTML parsed as a script) nor an API error.
  app.use('/static', publicRoute('missing shell asset'), (_req, res) => {
    res.status(404).type('text/plain').set('Cache-Control', 'no-store').send('Not found');
  });
  app.get(/^\/(?!api\/|remotes\/).*/, publicRoute('the shell page'), (_req, res, next) => {
    if (!fs.existsSync(shellIndex)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(shellIndex);
  });

  // Webhooks authenticate themselves (no session, no CSRF token) and read their raw body.
  app.use('/api/webhooks/aircall', aircallWebhookRouter());

  app.use(sessionMiddleware(config));
  const passport = configurePassport(config);
  app.use(passport.initialize());
  app.use(passport.session());
  // Right after passport has found the member: an expired session is closed before any route runs.
  app.use(sessionLimits(config));

  const api = Router();
  api.use(express.json({ limit: '1mb' }));
  api.use((req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  const limiter = await createLoginLimiter(config);
  api.use(authRouter(config, limiter));
  // Every state-changing route below needs the session's CSRF token in X-CSRF-Token.
  api.use(csrf.csrfSynchronisedProtection);
  api.use('/team', teamRouter());
  api.use('/crm/contacts', contactToolsRouter(config), contactsRouter());
  api.use('/crm/saved-filters', savedFiltersRouter());
  api.use('/crm/companies', companiesRouter());
  api.use('/crm/activities', activitiesRouter());
  api.use('/notifications', notificationsRouter());
  api.use('/crm/deals', dealsRouter());
  api.use('/crm/imports', importsRouter());
  api.use('/crm/exports', exportsRouter());
  api.use('/files', filesRouter());
  api.use('/admin/integrations', integrationsRouter(config));
  api.use('/admin/security', securityRouter(config));
  api.use('/admin/jobs', jobsAdminRouter());
  api.use('/admin', adminRouter());
  api.use(apiNotFound);
  app.use('/api', api);

  app.use('/remotes', remoteAssetsRouter(config.REMOTES_DIR));

  app.use(errorHandler);
  defineActivityJobs({ publicUrl: config.PUBLIC_URL });
  defineQualityJobs();
  defineImportJobs(config);
  defineJobsCleanup();
  return app;
}
