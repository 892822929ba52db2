/**
 * The demo data set: deterministic (fixed faker seed), French, both companies. `seedDemoData`
 * replaces the business collections; role permissions and the remote registry are kept.
 */
import { fakerFR as faker } from '@faker-js/faker';
import mongoose from 'mongoose';
import { seedRolePermissions } from '../authz/role-permission.model.js';
import { luhnValid } from '../contracts/index.js';
import { hashPassword } from '../auth/passwords.js';
import { Activity } from '../crm/activities/index.js';
import { Contact, qualityScore, searchTextOf } from '../crm/contacts/index.js';
import { Deal } from '../crm/deals/index.js';
import { bulkWriteInChunks } from '../db/bulk.js';
import { User } from '../team/user.model.js';
import { CITIES } from './cities.js';
import { DEMO_MEMBERS, DEMO_PASSWORD, demoEmail } from './accounts.js';
import { seedActivities } from './seed-activities.js';
import { seedCompanies } from './seed-companies.js';
import { seedContactInsights } from './seed-contact-insights.js';
import { seedDeals } from './seed-deals.js';

const COLLECTIONS_TO_RESET = ['users', 'contacts', 'audit_logs', 'outbox', 'sessions', 'login_rate_limits'];

/** A 9-digit SIREN with a valid Luhn key, then a 14-digit SIRET for one of its establishments. */
export function fakeSiret(): string {
  const base = faker.string.numeric({ length: 8, allowLeadingZeros: false });
  let siren = '';
  for (let d = 0; d <= 9; d++) if (luhnValid(base + d)) siren = base + d;
  const nicBase = `0${faker.string.numeric(3)}`;
  for (let d = 0; d <= 9; d++) if (luhnValid(siren + nicBase + d)) return siren + nicBase + d;
  throw new Error('unreachable');
}

function pickCity() {
  const total = CITIES.reduce((s, c) => s + c.weight, 0);
  let r = faker.number.float({ min: 0, max: total });
  for (const c of CITIES) {
    r -= c.weight;
    if (r <= 0) return c;
  }
  return CITIES[0]!;
}

const SECTORS = ['Conseil', 'Immobilier', 'Restauration', 'BTP', 'Santé', 'Commerce', 'Industrie', 'Tourisme', 'Transport', 'Formation'];
const JOBS = ['Gérant', 'Directeur général', 'Directrice marketing', 'Responsable communication', 'Directeur commercial', 'Fondatrice', 'Responsable digital', 'Office manager', 'DAF', 'Chargée de communication'];
const SOURCES = ['Site web', 'LinkedIn', 'Salon', 'Recommandation', 'Appel entrant', 'Google Ads', 'Partenaire'];
const TAGS = ['SEO', 'Site vitrine', 'E-commerce', 'Réseaux sociaux', 'Google Ads', 'Refonte', 'Local'];

export interface SeedOptions {
  contacts?: number;
  seed?: number;
}

export async function seedDemoData(opts: SeedOptions = {}): Promise<{ users: number; contacts: number }> {
  faker.seed(opts.seed ?? 2026);
  const db = mongoose.connection.db!;
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of COLLECTIONS_TO_RESET) if (existing.has(name)) await db.collection(name).deleteMany({});
  await seedRolePermissions();
  await User.syncIndexes();
  await Contact.syncIndexes();

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, mongoose.Types.ObjectId>();
  for (const m of DEMO_MEMBERS) ids.set(m.key, new mongoose.Types.ObjectId());
  await User.insertMany(
    DEMO_MEMBERS.map((m) => ({
      _id: ids.get(m.key),
      firstName: m.firstName,
      lastName: m.lastName,
      email: demoEmail(m),
      role: m.role,
      company: m.company,
      team: m.team,
      managerId: m.manager ? ids.get(m.manager) : null,
      status: 'active',
      startDate: new Date(m.startDate),
      // The account was opened when the member joined.
      createdAt: new Date(m.startDate),
      passwordHash,
    })),
  );

  const reps = DEMO_MEMBERS.filter((m) => m.role === 'sales').map((m) => ids.get(m.key)!);
  const count = opts.contacts ?? 320;
  const now = Date.now();
  const docs = [];
  for (let i = 0; i < count; i++) {
    const sex = faker.helpers.arrayElement(['female', 'male'] as const);
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName();
    const place = pickCity();
    const companyName = faker.company.name();
    const domain = faker.helpers.slugify(companyName.split(' ')[0]!.toLowerCase()).replace(/[^a-z0-9-]/g, '') || 'entreprise';
    const hasSiret = faker.datatype.boolean(0.8);
    const statusRoll = faker.number.float();
    const status = statusRoll < 0.5 ? 'lead' : statusRoll < 0.8 ? 'prospect' : 'client';
    const assignedTo = faker.datatype.boolean(0.15) ? null : faker.helpers.arrayElement(reps);
    const mobile = faker.datatype.boolean(0.6);
    const phone = mobile
      ? `+33${faker.helpers.arrayElement(['6', '7'])}${faker.string.numeric(8)}`
      : `+33${faker.helpers.arrayElement(['1', '2', '3', '4', '5', '9'])}${faker.string.numeric(8)}`;
    const doc = {
      firstName,
      lastName,
      email: faker.datatype.boolean(0.92)
        ? faker.internet.email({ firstName, lastName, provider: `${domain}.fr` }).toLowerCase()
        : undefined,
      phone: faker.datatype.boolean(0.85) ? phone : undefined,
      companyName,
      jobTitle: faker.helpers.arrayElement(JOBS),
      siret: hasSiret ? fakeSiret() : undefined,
      manager: hasSiret ? `${faker.person.firstName()} ${faker.person.lastName()}` : undefined,
      address: faker.location.streetAddress(),
      postalCode: place.postalCode,
      city: place.city,
      country: 'France',
      status,
      source: faker.helpers.arrayElement(SOURCES),
      tags: faker.helpers.arrayElements([...TAGS, faker.helpers.arrayElement(SECTORS)], { min: 0, max: 2 }),
      assignedTo,
      createdBy: assignedTo,
      createdAt: new Date(now - faker.number.int({ min: 1, max: 540 }) * 86_400_000 - faker.number.int(86_400_000)),
    };
    docs.push({
      ...doc,
      updatedAt: doc.createdAt,
      qualityScore: qualityScore(doc),
      searchText: searchTextOf(doc),
      deletedAt: null,
    });
  }
  await Contact.insertMany(docs, { ordered: false });
  await seedCompanies();
  await seedDeals();
  await seedActivities();
  await backdateContactsBeforeTheirHistory();
  await seedContactInsights();
  return { users: DEMO_MEMBERS.length, contacts: count };
}

const DAY = 86_400_000;

/**
 * A contact exists before anything done with him: one whose first deal or activity the generators
 * dated earlier than his creation is created a few days before it (his history then reads in order).
 */
async function backdateContactsBeforeTheirHistory(): Promise<void> {
  const first = new Map<string, number>();
  const note = (contactId: unknown, at: number) => {
    if (!contactId) return;
    const key = String(contactId);
    first.set(key, Math.min(first.get(key) ?? Infinity, at));
  };
  for (const d of await Deal.find({}, { contactId: 1, createdAt: 1 }).lean()) note(d.contactId, d.createdAt.getTime());
  for (const a of await Activity.find({ contactId: { $ne: null } }, { contactId: 1, createdAt: 1, dueAt: 1 }).lean())
    note(a.contactId, Math.min(a.createdAt.getTime(), a.dueAt.getTime()));
  const ops: mongoose.AnyBulkWriteOperation[] = [];
  for (const c of await Contact.find({}, { createdAt: 1 }).lean()) {
    const earliest = first.get(String(c._id));
    if (earliest !== undefined && earliest < c.createdAt.getTime())
      ops.push({
        updateOne: { filter: { _id: c._id }, update: { $set: { createdAt: new Date(earliest - 3 * DAY) } }, overwriteImmutable: true },
      });
  }
  await bulkWriteInChunks(Contact as never, ops);
}
