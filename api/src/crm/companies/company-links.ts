/**
 * Contacts whose link to an existing company waits for an administrator (COMPANY_LINK_RULE,
 * company-join-policy.ts): the administrators are told, and one of them approves or refuses.
 */
import type { Request } from 'express';
import type { Types } from 'mongoose';
import { audit } from '../../audit/audit.js';
import type { CompanyLinkDecision } from '../../contracts/index.js';
import { HttpError } from '../../http/errors.js';
import { notify } from '../../notifications/notification.model.js';
import { User } from '../../team/user.model.js';
import { linkContact } from './company-sync.js';
import type { CompanyLink } from './contact-row.js';
import { requestJoinPolicy } from './company-join-policy.js';
import { Company } from './company.model.js';
import { Contact, type ContactDoc } from '../contacts/index.js';

/**
 * Links a contact the caller wrote to its company under COMPANY_LINK_RULE (company-join-policy.ts);
 * a link that starts to wait for an administrator is told to the administrators.
 */
export async function linkWrittenContact(req: Request, c: ContactDoc): Promise<void> {
  const policy = requestJoinPolicy(req);
  const result = await linkContact(c, req.log, { policy });
  if (result?.pending.includes(String(c._id))) await notifyPendingLinks([c], policy.actor?.name ?? '');
}

/** Tells every active administrator that these contacts wait for their company link. */
export async function notifyPendingLinks(
  contacts: { _id: Types.ObjectId | string; firstName: string; lastName: string; companyName?: string | null }[],
  byName: string,
): Promise<void> {
  if (!contacts.length) return;
  const admins = await User.find({ role: 'admin', status: 'active' }, { _id: 1 }).lean();
  for (const c of contacts) {
    for (const admin of admins)
      await notify(admin._id, {
        title: 'Rattachement à valider',
        body: `${byName} a rattaché ${c.firstName} ${c.lastName} à l’entreprise existante « ${c.companyName ?? ''} », qu’il ne suit pas encore. Validez ou refusez ce rattachement.`,
        link: `/crm/contacts?contact=${String(c._id)}`,
      });
  }
}

/** After an import: one word to the administrators when some of its contacts wait for their link. */
export async function notifyPendingImportLinks(
  importId: string,
  importer: { firstName: string; lastName: string },
): Promise<void> {
  const waiting = await Contact.countDocuments({
    importKey: { $regex: `^${importId}:` },
    'companyLink.status': 'pending',
    deletedAt: null,
  });
  if (!waiting) return;
  const admins = await User.find({ role: 'admin', status: 'active' }, { _id: 1 }).lean();
  for (const admin of admins)
    await notify(admin._id, {
      title: 'Rattachements à valider',
      body: `L’import de ${importer.firstName} ${importer.lastName} a ${waiting} contact(s) rattaché(s) à des entreprises existantes qu’il ne suit pas encore. Validez ou refusez ces rattachements.`,
      link: '/crm/contacts?companyLink=pending',
    });
}

/**
 * An administrator's decision on a contact's waiting (or refused) link. Approving links the contact to
 * the company it names now — its rep then reads that company; refusing keeps it unlinked, and no later
 * sync links it while it names that company.
 */
export async function decideCompanyLink(req: Request, c: ContactDoc, decision: CompanyLinkDecision['decision']) {
  const link = c.companyLink as CompanyLink | null | undefined;
  if (!link) throw new HttpError(409, 'Ce contact n’a pas de rattachement en attente.');
  const company = await Company.findById(link.companyId, { name: 1 }).lean();
  const me = req.auth!.user;
  if (decision === 'approve') {
    const result = await linkContact(c, req.log, { approve: true });
    if (!result) throw new HttpError(503, 'Le rattachement n’a pas pu être enregistré. Réessayez.');
  } else {
    const refused: CompanyLink = {
      ...link,
      status: 'refused',
      by: me._id,
      byName: `${me.firstName} ${me.lastName}`,
      at: new Date(),
    };
    c.set('companyLink', refused);
    await c.save();
  }
  await audit(req, decision === 'approve' ? 'contact.company_link_approve' : 'contact.company_link_refuse', {
    subject: 'Contact',
    subjectId: String(c._id),
    details: { companyId: String(link.companyId), company: company?.name, requestedBy: link.byName ?? null },
  });
}
