/**
 * What an activity is linked to and who may own it: the linked deal, contact and company checked in
 * the caller's scope (their names copied on the activity), and the members who may own activities.
 */
import type { Request } from 'express';
import { scopeFilter } from '../../authz/index.js';
import { RolePermission } from '../../authz/role-permission.model.js';
import type { Role } from '../../contracts/index.js';
import { HttpError } from '../../http/errors.js';
import { User } from '../../team/user.model.js';
import { Company } from '../companies/index.js';
import { Contact } from '../contacts/index.js';
import { Deal } from '../deals/index.js';

/** Roles that work in the CRM: their members may own activities. */
export async function crmRoles(): Promise<Role[]> {
  return (await RolePermission.find({ modules: 'crm' }, { role: 1 }).lean()).map((r) => r.role);
}

/** A new owner must be an active member whose role works in the CRM. */
export async function ensureOwnerCandidate(id: string): Promise<void> {
  const member = await User.exists({ _id: id, status: 'active', role: { $in: await crmRoles() } });
  if (!member)
    throw new HttpError(422, "Le membre choisi n'existe pas, n'est plus actif ou n'a pas accès au CRM.", [
      { path: 'owner', message: 'Membre inconnu, inactif ou sans accès au CRM.' },
    ]);
}

/** A linked record that does not exist or that the caller may not read: 422 on its field. */
const unreachable = (path: string, what: string, chosen = 'choisi') =>
  new HttpError(422, `${what} ${chosen} n'existe pas ou vous n'y avez pas accès.`, [
    { path, message: `${what} introuvable.` },
  ]);

type LinkInput = { contactId?: string | null; companyId?: string | null; dealId?: string | null };
type LinkFields = {
  contactId?: string | null;
  contactName?: string;
  companyId?: string | null;
  companyName?: string;
  dealName?: string;
};

/** A contact the caller may read but not update: no activity of his may be linked to it. */
const readOnlyContact = () =>
  new HttpError(
    403,
    'Ce contact ne vous est pas assigné : vous ne pouvez pas y rattacher une activité. Demandez à un administrateur de vous l’assigner.',
    [{ path: 'contactId', message: 'Contact non assigné à vous.' }],
  );

/** Whether the caller may update this contact (scope inside the query). */
async function mayUpdateContact(req: Request, contactId: unknown): Promise<boolean> {
  return Boolean(await Contact.exists({ $and: [{ _id: contactId }, scopeFilter(req, 'update', 'Contact')] }));
}

/**
 * Checks the linked records and takes their names. The caller must be able to read the deal and the
 * company. The contact is written to by the activity — its quality score counts the completed
 * activities with it (quality.ts), which is the only write an activity makes on another record — so
 * linking a contact needs the right to update it: reading it (an unassigned contact, for a sales rep)
 * is not enough (403). A deal brings its contact when none is given and the activity has none
 * (`current.hasContact`), if the caller may update that contact; a contact brings its company unless
 * one is given. Only the links present in `input` are resolved; keeping the activity's current
 * contact (`current.contactId`) is no new link.
 */
export async function resolveLinks(
  req: Request,
  input: LinkInput,
  current: { hasContact?: boolean; contactId?: string | null } = {},
): Promise<LinkFields> {
  const hasContact = Boolean(current.hasContact);
  const out: LinkFields = {};
  if (input.dealId) {
    const deal = await Deal.findOne(
      { $and: [{ _id: input.dealId, deletedAt: null }, scopeFilter(req, 'read', 'Deal')] },
      { title: 1, contactId: 1 },
    ).lean();
    if (!deal) throw unreachable('dealId', 'Le deal');
    out.dealName = deal.title;
    if (input.contactId === undefined && !hasContact && (await mayUpdateContact(req, deal.contactId)))
      out.contactId = String(deal.contactId);
  } else if (input.dealId === null) out.dealName = undefined;

  const contactId = input.contactId !== undefined ? input.contactId : out.contactId;
  // Keeping the current contact is no new link: nothing to check, nothing to copy again.
  if (contactId && contactId !== current.contactId) {
    const contact = await Contact.findOne(
      { $and: [{ _id: contactId, deletedAt: null }, scopeFilter(req, 'read', 'Contact')] },
      { firstName: 1, lastName: 1, companyName: 1, companyId: 1 },
    ).lean();
    if (!contact) throw unreachable('contactId', 'Le contact');
    if (!(await mayUpdateContact(req, contact._id))) throw readOnlyContact();
    out.contactName = `${contact.firstName} ${contact.lastName}`;
    if (input.companyId === undefined) {
      out.companyId = contact.companyId ? String(contact.companyId) : null;
      out.companyName = contact.companyName ?? undefined;
    }
  } else if (contactId === null) {
    out.contactName = undefined;
    if (input.companyId === undefined) {
      out.companyId = null;
      out.companyName = undefined;
    }
  }

  if (input.companyId) {
    const company = await Company.findOne(
      { $and: [{ _id: input.companyId, deletedAt: null }, scopeFilter(req, 'read', 'Company')] },
      { name: 1 },
    ).lean();
    if (!company) throw unreachable('companyId', "L'entreprise", 'choisie');
    out.companyName = company.name;
  } else if (input.companyId === null) out.companyName = undefined;
  return out;
}
