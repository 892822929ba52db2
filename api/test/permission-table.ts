/**
 * Permission tables (design/permissions.md) as data: the expected status of every route for every
 * caller — the four roles — and, for record routes, for each record owner (the sales rep's own
 * record, a colleague's, an unassigned one…). `permissionTable` turns the table into one `it(...)`
 * per cell, so a module's permission tests are its table and a few lines:
 *
 *   permissionTable({
 *     app: () => app,
 *     base: '/api/crm/contacts',
 *     owners: {
 *       own: (app) => makeContact({ assignedTo: app.members.sales.id }),
 *       colleague: (app) => makeContact({ assignedTo: app.members.colleague.id }),
 *       unassigned: () => makeContact(),
 *     },
 *     table: {
 *       'GET    /:id': { admin: [200, 200, 200], sales: [200, 404, 200], marketing: [403, 403, 403], account_manager: [403, 403, 403] },
 *     },
 *   });
 *
 * Each case makes its record with the owner's factory, logs the caller in, calls the route (`:id`
 * replaced by the record's id) and checks the status; a 404 must be a problem+json answer.
 */
import { expect, it } from 'vitest';
import type { Client, MemberKey, TestApp } from './api/harness.js';

export type Caller = 'admin' | 'sales' | 'marketing' | 'account_manager';
export const CALLERS: readonly Caller[] = ['admin', 'sales', 'marketing', 'account_manager'];

/** A record factory: what it returns (a document or its id) is the record the route is called on. */
export type RecordFactory = (app: TestApp) => Promise<{ _id: unknown } | string>;

type Response = Awaited<ReturnType<Client['request']>>;

export interface PermissionTableOptions<O extends string> {
  /** The app of the test file (assigned in its `beforeAll`, hence a getter). */
  app: () => TestApp;
  /** The routes' prefix, e.g. `/api/crm/contacts`. */
  base: string;
  /** A record factory per owner, in the order of the table's columns. */
  owners: Record<O, RecordFactory>;
  /** `'METHOD /path/:id'` → the status per caller, one per owner (in `owners`' order). */
  table: Record<string, Record<Caller, readonly number[]>>;
  /** What the records are called in the test names: `… on own deal → 200` (default: `record`). */
  noun?: string;
  /** Run before the request, on the record just made (e.g. soft-delete it for a restore route). */
  prepare?: (id: string, cell: Cell<O>) => Promise<unknown>;
  /** The request body of a route (default: none for GET, `{}` otherwise). */
  body?: (method: string, path: string, app: TestApp) => unknown;
  /** More checks of an answer. */
  check?: (res: Response, cell: Cell<O> & { id: string }) => unknown;
}

/** One cell of the table: who calls which route on whose record, and the status expected. */
export interface Cell<O extends string> {
  caller: Caller;
  owner: O;
  method: string;
  path: string;
  status: number;
}

/** Declares one test per (caller, route, owner) of `table`; call it inside a `describe`. */
export function permissionTable<O extends string>(options: PermissionTableOptions<O>): void {
  const owners = Object.keys(options.owners) as O[];
  for (const [route, row] of Object.entries(options.table)) {
    const [method, path] = route.trim().split(/\s+/) as [string, string];
    for (const caller of CALLERS) {
      const statuses = row[caller];
      if (statuses.length !== owners.length)
        throw new Error(`${route} / ${caller}: ${statuses.length} statuses for ${owners.length} owners`);
      owners.forEach((owner, i) => {
        const status = statuses[i]!;
        const cell: Cell<O> = { caller, owner, method, path, status };
        it(`${caller}: ${method} ${path} on ${owner} ${options.noun ?? 'record'} → ${status}`, async () => {
          const app = options.app();
          const record = await options.owners[owner](app);
          const id = typeof record === 'string' ? record : String(record._id);
          await options.prepare?.(id, cell);
          const c = await app.as(caller as MemberKey);
          const body = options.body ? options.body(method, path, app) : undefined;
          const res = await c.request(
            method,
            options.base + path.replace(':id', id),
            body ?? (method === 'GET' ? undefined : {}),
          );
          expect(res.status, `${method} ${path} as ${caller} on ${owner} record`).toBe(status);
          if (res.status === 404) expect(res.headers.get('content-type')).toContain('application/problem+json');
          await options.check?.(res, { ...cell, id });
        });
      });
    }
  }
}
