/**
 * COMPANY_LINK_RULE — a member cannot widen his own scope by writing.
 *
 * A sales rep reads the companies in which he holds a contact (`contactOwners`, design/permissions.md).
 * Were his new contact linked to any existing company its "entreprise" names (name + postal code, or
 * SIREN), he would gain that company — its registry data, its status, its other reps' names — by
 * typing its name. So a contact joins an existing company only when the member who wrote it may
 * already read that company; otherwise the contact is saved unlinked and its link waits for an
 * administrator (`companyLink: pending`), who approves (the contact joins, and its rep gains the
 * company) or refuses it. A new company — one nobody has yet — is created and joined as before.
 *
 * The rule holds on every path that writes a contact's company: the contact form (create, update),
 * the CSV import (the importer's scope), the Pappers enrichment (which fills the company name), and
 * it binds every later sync too: a pending or refused link changes only by an administrator's
 * decision, or when the contact names another company.
 */
import { accessibleBy } from '@casl/mongoose';
import type { Request } from 'express';
import type { Types } from 'mongoose';
import type { AppAbility } from '../../contracts/index.js';
import { Company } from './company.model.js';

export interface JoinPolicy {
  /** The member whose write this is (recorded on pending links). */
  actor: { id: Types.ObjectId; name: string } | null;
  /** Of these existing companies, the ids the actor may link contacts to. */
  allowed(ids: Types.ObjectId[]): Promise<Set<string>>;
}

/** The policy of a member: the companies he may read, checked inside the query. */
export function joinPolicyOf(
  ability: AppAbility,
  member: { _id: Types.ObjectId; firstName: string; lastName: string },
): JoinPolicy {
  const actor = { id: member._id, name: `${member.firstName} ${member.lastName}` };
  // An unconditional grant (administrators): every company, without a query.
  const unrestricted = ability.rulesFor('read', 'Company').some((r) => !r.inverted && !r.conditions);
  return {
    actor,
    async allowed(ids) {
      if (unrestricted) return new Set(ids.map(String));
      if (!ability.can('read', 'Company') || !ids.length) return new Set();
      const rows = await Company.find(
        { $and: [{ _id: { $in: ids } }, accessibleBy(ability, 'read').ofType('Company')] },
        { _id: 1 },
      ).lean();
      return new Set(rows.map((r) => String(r._id)));
    },
  };
}

/** The policy of the member behind a request. */
export function requestJoinPolicy(req: Request): JoinPolicy {
  const auth = req.auth;
  if (!auth) throw new Error('requestJoinPolicy needs an authenticated request');
  return joinPolicyOf(auth.ability, auth.user);
}
