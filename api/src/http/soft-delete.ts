/**
 * The delete / undo / audit trio of soft-deleted records (contacts, deals, activities, and every
 * later module's): `DELETE /:id` stamps `deletedAt` within the caller's `delete` scope and answers the
 * undo path; `POST /:id/restore` brings the record back within the undo window; both are audited.
 * Deleted records stay in the database (FerretDB v1 has no transactions: nothing is moved).
 */
import type { Request, Router } from 'express';
import type { Model } from 'mongoose';
import { audit, type AuditAction } from '../audit/audit.js';
import { requirePermission } from '../authz/index.js';
import { scoped } from '../authz/scoped.js';
import type { ModuleKey, Subject } from '../contracts/index.js';
import { HttpError, notFound } from './errors.js';
import { idParams, routeTable } from './route.js';

/** How long after a deletion its undo still works (the toast offers it for 8 seconds). */
export const UNDO_WINDOW_MS = 15 * 60_000;

export interface SoftDeleteSpec<D> {
  module: ModuleKey;
  subject: Subject;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>;
  /** Where the router is mounted (`/api/crm/deals`): the undo path is `<base>/<id>/restore`. */
  base: string;
  audit: { delete: AuditAction; restore: AuditAction };
  /** What the audit entry of a deletion keeps (its name, subject…). */
  describe?(doc: D): Record<string, unknown>;
  /** What the deletion or the restoration changes elsewhere (companies, quality scores…). */
  afterChange?(req: Request, doc: D): Promise<void>;
  /** The answer of a restoration: the record as the list shows it. */
  restored(req: Request, doc: D): Promise<unknown>;
}

export function softDeleteRoutes<D>(router: Router, spec: SoftDeleteSpec<D>): void {
  const r = routeTable(router);
  const guard = requirePermission(spec.module, 'delete', spec.subject);

  r.delete('/:id', {
    access: guard,
    params: idParams,
    handler: async ({ req, params }) => {
      const doc = (await scoped(req, 'delete', spec.model).findByIdAndUpdate(params.id, {
        $set: { deletedAt: new Date() },
      })) as D | null;
      if (!doc) throw notFound();
      await spec.afterChange?.(req, doc);
      await audit(req, spec.audit.delete, { subject: spec.subject, subjectId: params.id, details: spec.describe?.(doc) });
      return { ok: true, undo: `${spec.base}/${params.id}/restore` };
    },
  });

  r.post('/:id/restore', {
    access: guard,
    params: idParams,
    handler: async ({ req, params }) => {
      const deleted = scoped(req, 'delete', spec.model, { deleted: 'only' });
      const since = new Date(Date.now() - UNDO_WINDOW_MS);
      const doc = (await deleted.findOneAndUpdate(
        { _id: params.id, deletedAt: { $gte: since } },
        { $set: { deletedAt: null } },
        { returnDocument: 'after' },
      )) as D | null;
      if (!doc) {
        if (await deleted.exists({ _id: params.id }))
          throw new HttpError(409, 'Le délai pour annuler cette suppression est dépassé.');
        throw notFound();
      }
      await spec.afterChange?.(req, doc);
      await audit(req, spec.audit.restore, { subject: spec.subject, subjectId: params.id });
      return spec.restored(req, doc);
    },
  });
}
