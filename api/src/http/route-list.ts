/**
 * Every route of the application with what it declares (access.ts), read from the Express router
 * stack: `METHOD /path → module, action, subject` (or public, authenticated, webhook). The route
 * permission snapshot test checks it in, so that any change shows in review.
 */
import type { Express } from 'express';
import { accessOf, describeAccess, type Access } from './access.js';

interface LayerLike {
  rawPath?: string | RegExp | (string | RegExp)[];
  handle: { stack?: LayerLike[] } & ((...args: never[]) => unknown);
  route?: { path: string | RegExp; methods: Record<string, boolean>; stack: LayerLike[] };
}

export interface RouteEntry {
  method: string;
  path: string;
  access: Access | undefined;
}

const pathOf = (p: LayerLike['rawPath']): string =>
  p === undefined || p === '/' ? '' : Array.isArray(p) ? p.map(pathOf).join('|') : String(p);

function walk(stack: LayerLike[], prefix: string, inherited: Access | undefined, out: RouteEntry[]): void {
  let declared = inherited;
  for (const layer of stack) {
    if (layer.route) {
      const own = layer.route.stack.map((l) => accessOf(l.handle)).find(Boolean);
      const path = prefix + pathOf(layer.route.path) || '/';
      for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all'))
        out.push({ method: method.toUpperCase(), path, access: own ?? declared });
    } else if (layer.handle.stack) {
      walk(layer.handle.stack, prefix + pathOf(layer.rawPath), declared, out);
    } else if (pathOf(layer.rawPath) !== '') {
      // A handler mounted on a path (`router.use('/:name', serve)`) answers every method there.
      const access = accessOf(layer.handle);
      if (access) out.push({ method: 'USE', path: prefix + pathOf(layer.rawPath), access });
    } else {
      // A guard mounted with `router.use(guard)` covers the routes declared after it.
      const access = accessOf(layer.handle);
      if (access) declared = access;
    }
  }
}

export function listRoutes(app: Express): RouteEntry[] {
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  const out: RouteEntry[] = [];
  walk(router.stack, '', undefined, out);
  return out;
}

/** One line per route, in declaration order: `GET    /api/crm/contacts → crm, read, Contact`. */
export function formatRoutes(routes: RouteEntry[]): string {
  return routes.map((r) => `${r.method.padEnd(6)} ${r.path} → ${describeAccess(r.access)}`).join('\n') + '\n';
}
