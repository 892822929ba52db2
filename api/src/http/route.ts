/**
 * Routes declared as data: one call says who may call the route (its guard: `requirePermission`,
 * `requireAuth`, `publicRoute`…) and the zod schemas of its params, query and body; the handler gets
 * them parsed and returns its answer. Wiring, validation and the permission check happen here, once:
 *
 *   const r = routeTable(router);
 *   r.get('/:id', {
 *     access: requirePermission('crm', 'read', 'Deal'),
 *     params: idParams,
 *     handler: async ({ req, params }) => toDealDto(await scoped(req, 'read', Deal).findById(params.id)),
 *   });
 *
 * Unknown query or body fields are refused (422): without a schema a route takes none. Params that
 * do not parse (an id that is no ObjectId) answer 404, since they cannot name a record.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { objectIdField } from '../contracts/index.js';
import { notFound } from './errors.js';

type Schema = z.ZodType;
const NONE = z.object({}).strict();

export interface RouteInput<P extends Schema, Q extends Schema, B extends Schema> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  req: Request;
  res: Response;
}

export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema> {
  /** Who may call it: a guard that declares its access (http/access.ts), run first. */
  access: RequestHandler;
  params?: P;
  query?: Q;
  body?: B;
  /** Middleware between the guard and the handler (a raw body parser, an upload limit…). */
  before?: RequestHandler[];
  /** Status of a successful JSON answer (default 200). */
  status?: number;
  /** Returns the JSON answer, or undefined when it wrote the response itself (a file, a stream). */
  handler(input: RouteInput<P, Q, B>): Promise<unknown> | unknown;
}

/** The `:id` of a record route. */
export const idParams = z.object({ id: objectIdField }).strict();

function handlerOf<P extends Schema, Q extends Schema, B extends Schema>(spec: RouteSpec<P, Q, B>): RequestHandler {
  return async (req, res) => {
    const params = (spec.params ?? NONE).safeParse(req.params ?? {});
    if (!params.success) throw notFound();
    const query = (spec.query ?? NONE).parse(req.query ?? {}) as z.output<Q>;
    const body = (spec.body ?? NONE).parse(req.method === 'GET' ? {} : (req.body ?? {})) as z.output<B>;
    const result = await spec.handler({ params: params.data as z.output<P>, query, body, req, res });
    if (result !== undefined && !res.headersSent) res.status(spec.status ?? 200).json(result);
  };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Declare = <P extends Schema = typeof NONE, Q extends Schema = typeof NONE, B extends Schema = typeof NONE>(
  path: string,
  spec: RouteSpec<P, Q, B>,
) => void;

/** Declares routes on a router: `routeTable(router).get(path, spec)`. */
export function routeTable(router: Router): Record<Method, Declare> {
  const declare =
    (method: Method): Declare =>
    (path, spec) => {
      router[method](path, spec.access, ...(spec.before ?? []), handlerOf(spec));
    };
  return { get: declare('get'), post: declare('post'), put: declare('put'), patch: declare('patch'), delete: declare('delete') };
}
