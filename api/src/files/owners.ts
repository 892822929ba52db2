/**
 * Access to a file is access to its owner record: reading a file needs the right to read the
 * record, uploading or deleting one the right to update it — the record's scope checked inside the
 * query by the authorization layer. No right on the subject at all: 403; a record out of scope: 404.
 */
import type { Request } from 'express';
import type { Model } from 'mongoose';
import { can } from '../authz/index.js';
import { scoped } from '../authz/scoped.js';
import { hasModule, type FileOwnerSubject, type ModuleKey } from '../contracts/index.js';
import { Activity } from '../crm/activities/index.js';
import { Company } from '../crm/companies/index.js';
import { Contact } from '../crm/contacts/index.js';
import { Deal } from '../crm/deals/index.js';
import { forbidden, notFound } from '../http/errors.js';

export interface FileOwner {
  subject: FileOwnerSubject;
  id: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const OWNERS: Record<FileOwnerSubject, { model: Model<any>; module: ModuleKey }> = {
  Contact: { model: Contact, module: 'crm' },
  Company: { model: Company, module: 'crm' },
  Deal: { model: Deal, module: 'crm' },
  Activity: { model: Activity, module: 'crm' },
};

/** Throws 403 or 404 unless the caller may `action` (read or update) the owner record. */
export async function ensureOwnerAccess(req: Request, owner: FileOwner, action: 'read' | 'update'): Promise<void> {
  const { model, module } = OWNERS[owner.subject];
  if (!hasModule(req.auth!.permissions, module) || !can(req, action, owner.subject))
    throw forbidden(
      action === 'read'
        ? 'Votre rôle ne permet pas de consulter les fichiers de ces fiches.'
        : 'Votre rôle ne permet pas de modifier les fichiers de ces fiches.',
    );
  // As before the query builder: the files of a record deleted (still undoable) stay reachable.
  const found = await scoped(req, action, model, { deleted: 'include' }).exists({ _id: owner.id });
  if (!found) throw notFound();
}
