/**
 * Test data factories: valid documents with French defaults, written through the models (so
 * validation, defaults and timestamps apply), each field overridable. They need the test
 * database to be connected (`startTestApp`, harness.ts).
 *
 *   const contact = await makeContact({ assignedTo: app.members.sales.id });
 *   const company = await makeCompany({ name: 'Boulangerie Martin', assignedTo: app.members.sales.id });
 *   const deal = await makeDeal({ contact, owner: app.members.sales.id, stage: 'proposal' });
 *   await makeActivity({ owner: app.members.sales.id, contactId: contact._id });
 */
import type { Types } from 'mongoose';
import { hashPassword } from '../src/auth/passwords.js';
import { weightedAmountOf, type CompanyKey, type DealStage, type Role } from '../src/contracts/index.js';
import { Activity, activitySearchText, type ActivityAttrs } from '../src/crm/activities/index.js';
import { Company, syncCompanies } from '../src/crm/companies/index.js';
import { Contact, searchTextOf, type ContactAttrs, type ContactDoc } from '../src/crm/contacts/index.js';
import { Deal, dealSearchText, type DealAttrs } from '../src/crm/deals/index.js';
import { User } from '../src/team/user.model.js';
import { PASSWORD } from './api/harness.js';

type Id = string | Types.ObjectId;
/** Overrides of a model's fields: ids as strings or ObjectIds, any field left out takes its default. */
type Overrides<T> = { [K in keyof T]?: T[K] extends Types.ObjectId | null | undefined ? Id | null : T[K] | null };

const DAY = 24 * 3_600_000;
let sequence = 0;
/** A number unique in this test file (e-mails, names of generated companies). */
export const nextSequence = () => ++sequence;

/** A SIRET (14 digits) with a valid Luhn key, for a Luhn-valid SIREN: `<siren><nic><key>`. */
export function siretOf(siren: string, nic = '0001'): string {
  for (let d = 0; d <= 9; d++) {
    const s = `${siren}${nic}${d}`;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let v = Number(s[13 - i]);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error(`no Luhn key for ${siren}${nic}`);
}

let passwordHash: Promise<string> | undefined;

/** A team member (a User), active, of Digiflow; with the harness' password unless `password` is given. */
export async function makeMember(
  overrides: Overrides<{
    firstName: string;
    lastName: string;
    email: string;
    role: Role;
    team: string;
    company: CompanyKey;
  }> & {
    /** Null: no password (a member who signs in with Google or the demo login only). */
    password?: string | null;
  } = {},
) {
  const { password, ...fields } = overrides;
  const n = nextSequence();
  const hash =
    password === null ? undefined : password ? hashPassword(password) : (passwordHash ??= hashPassword(PASSWORD));
  return new User({
    firstName: 'Camille',
    lastName: 'Durand',
    email: `camille.durand.${n}@digiflow-agency.fr`,
    role: 'sales',
    team: 'Vente A',
    company: 'digiflow',
    ...(hash ? { passwordHash: await hash } : {}),
    ...fields,
  }).save();
}

/** A contact (a lead, nobody's, not deleted) with its search text, as the API stores it. */
export async function makeContact(overrides: Overrides<ContactAttrs> = {}): Promise<ContactDoc> {
  const fields = {
    firstName: 'Jeanne',
    lastName: 'Martin',
    status: 'lead',
    assignedTo: null,
    deletedAt: null,
    ...overrides,
  };
  return new Contact({ searchText: searchTextOf(fields), ...fields }).save();
}

/** Several contacts in one write (`insertMany`), each with the defaults of `makeContact`. */
export async function makeContacts(rows: Overrides<ContactAttrs>[]) {
  return Contact.insertMany(
    rows.map((overrides) => {
      const fields = {
        firstName: 'Jeanne',
        lastName: 'Martin',
        status: 'lead',
        assignedTo: null,
        deletedAt: null,
        ...overrides,
      };
      return { searchText: searchTextOf(fields), ...fields };
    }),
  );
}

/**
 * A company, made as the app makes them: from a contact naming it (`companyName`, `siret`, place,
 * `assignedTo`: the company's owner) and `syncCompanies`. Returns the company and that contact.
 */
export async function makeCompany(
  overrides: {
    name?: string;
    siren?: string | null;
    postalCode?: string | null;
    city?: string | null;
    address?: string | null;
    /** The contact's assignee: the company's owner (its scope). */
    assignedTo?: Id | null;
    /** More fields of the contact that names the company. */
    contact?: Overrides<ContactAttrs>;
  } = {},
) {
  const name = overrides.name ?? `Société Dupont ${nextSequence()}`;
  const contact = await makeContact({
    firstName: 'Paul',
    lastName: 'Dupont',
    status: 'prospect',
    companyName: name,
    ...(overrides.siren ? { siret: siretOf(overrides.siren) } : {}),
    postalCode: overrides.postalCode === undefined ? '75011' : overrides.postalCode,
    city: overrides.city === undefined ? 'Paris' : overrides.city,
    ...(overrides.address ? { address: overrides.address } : {}),
    assignedTo: overrides.assignedTo ?? null,
    ...overrides.contact,
  });
  const { links } = await syncCompanies({ _id: contact._id });
  const companyId = links.get(String(contact._id));
  if (!companyId) throw new Error(`makeCompany: no company made for ${name}`);
  const company = await Company.findById(companyId);
  return { company: company!, contact: (await Contact.findById(contact._id))! };
}

/**
 * A deal as the API stores it: weighted amount, stage history and search text derived; its contact
 * (`contact`, or `contactId` + `contactName`) is made when none is given.
 */
export async function makeDeal(
  overrides: Overrides<DealAttrs> & {
    owner: Id;
    /** The deal's contact: its id, name and company are copied. */
    contact?: {
      _id: unknown;
      firstName?: string | null;
      lastName?: string | null;
      companyName?: string | null;
      companyId?: unknown;
    };
  },
) {
  const { contact: given, ...fields } = overrides;
  const contact =
    given ??
    (fields.contactId ? undefined : await makeContact({ assignedTo: fields.owner, companyName: 'Boulangerie Martin' }));
  const stage = (fields.stage ?? 'discovery') as DealStage;
  const amount = (fields.amount as number | undefined) ?? 4800;
  const probability = (fields.probability as number | undefined) ?? 50;
  const at = (fields.stageChangedAt as Date | undefined) ?? new Date();
  const title = (fields.title as string | undefined) ?? 'Refonte du site vitrine';
  const contactName =
    (fields.contactName as string | undefined) ??
    (contact ? `${contact.firstName ?? ''} ${contact.lastName ?? ''}`.trim() : 'Jeanne Martin');
  const companyName = fields.companyName === undefined ? (contact?.companyName ?? undefined) : fields.companyName;
  return new Deal({
    title,
    contactId: contact?._id,
    contactName,
    ...(companyName ? { companyName } : {}),
    ...(contact?.companyId ? { companyId: contact.companyId } : {}),
    amount,
    stage,
    probability,
    weightedAmount: weightedAmountOf(amount, probability),
    expectedCloseDate: new Date(Date.now() + 30 * DAY),
    issuingCompany: 'digiflow',
    stageHistory: [{ stage, at, by: fields.owner }],
    stageChangedAt: at,
    searchText: dealSearchText({ title, contactName, companyName: companyName ?? null }),
    ...fields,
  }).save();
}

/** An activity (a call planned for tomorrow, medium priority) with its search text. */
export async function makeActivity(overrides: Overrides<ActivityAttrs> & { owner: Id }) {
  const fields = {
    type: 'call',
    subject: 'Appel de découverte',
    priority: 'medium',
    status: 'planned',
    dueAt: new Date(Date.now() + DAY),
    ...overrides,
  };
  return new Activity({ searchText: activitySearchText(fields), ...fields }).save();
}
