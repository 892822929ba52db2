import express, { Router, type RequestHandler } from 'express';
import { declareAccess } from '../http/access.js';
import path from 'node:path';
import { hasModule, moduleOfRemote, REMOTE_NAMES } from '../contracts/index.js';
import { buildAuthContext, signInRequired } from '../authz/index.js';
import { forbidden, notFound } from '../http/errors.js';
import type { UserDoc } from '../team/user.model.js';
import { VERSION_PATTERN } from './registry.js';

/**
 * Serves the deployed remote bundles at /remotes/<name>/<version>/…, only to members whose role is
 * entitled to the remote's module. Versioned files never change: they are cached immutably, but
 * privately, since they are behind authentication.
 */
export function remoteAssetsRouter(remotesDir: string): Router {
  const router = Router();
  const entitled: RequestHandler = (req, res, next) => {
    const { name, version } = req.params as { name: string; version: string };
    if (!(REMOTE_NAMES as readonly string[]).includes(name) || !VERSION_PATTERN.test(version)) return next(notFound());
    if (!req.user) return next(signInRequired(req));
    buildAuthContext(req.user as UserDoc)
      .then((auth) => {
        req.auth = auth;
        const module = moduleOfRemote(name)!;
        if (!hasModule(auth.permissions, module)) throw forbidden("Votre rôle n'a pas accès à ce module.");
        const serve = express.static(path.join(remotesDir, name, version), {
          index: false,
          fallthrough: false,
          setHeaders(res, file) {
            res.setHeader(
              'Cache-Control',
              file.endsWith('.json') ? 'private, no-cache' : 'private, max-age=31536000, immutable',
            );
          },
        });
        serve(req, res, (err?: unknown) => next(err && (err as { status?: number }).status === 404 ? notFound() : err));
      })
      .catch(next);
  };
  router.use('/:name/:version', declareAccess(entitled, { kind: 'remote-module' }));
  return router;
}
