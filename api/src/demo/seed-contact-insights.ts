/**
 * Demo history and scores of the contacts: creation and status-change events (a prospect was a lead
 * first, a client a prospect), Pappers enrichments from the demo data set on a quarter of the contacts
 * with a SIRET (some over a year old), a few solvency entries, then every quality score computed with
 * the demo activities. Runs after the contacts and activities are seeded. Deterministic: its own faker
 * instance and seed.
 */
import { base, Faker, fr } from '@faker-js/faker';
import mongoose, { type Types } from 'mongoose';
import { Contact, ContactEvent, recomputeQuality, toRegistryCompany } from '../crm/contacts/index.js';
import { bulkWriteInChunks } from '../db/bulk.js';
import { User } from '../team/user.model.js';
import { demoPappersCompany } from './pappers-demo.js';

const DAY = 86_400_000;
const COLLECTIONS = ['contact_events', 'saved_filters', 'bulk_undos'];

export async function seedContactInsights(now = Date.now()): Promise<void> {
  const faker = new Faker({ locale: [fr, base] });
  faker.seed(2026_07);
  const db = mongoose.connection.db!;
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of COLLECTIONS) if (existing.has(name)) await db.collection(name).deleteMany({});
  await ContactEvent.syncIndexes();

  const contacts = await Contact.find({}, { status: 1, assignedTo: 1, createdBy: 1, createdAt: 1, siret: 1 })
    .sort({ createdAt: 1, _id: 1 })
    .lean<
      {
        _id: Types.ObjectId;
        status: string;
        assignedTo: Types.ObjectId | null;
        createdBy: Types.ObjectId | null;
        createdAt: Date;
        siret?: string;
      }[]
    >();
  const admins = (await User.find({ role: 'admin' }, { _id: 1, firstName: 1, lastName: 1 }).lean()).map((u) => u);
  const reps = new Map(
    (await User.find({ role: 'sales' }, { firstName: 1, lastName: 1 }).lean()).map((u) => [String(u._id), u]),
  );

  const events: Record<string, unknown>[] = [];
  const updates: { updateOne: { filter: { _id: Types.ObjectId }; update: { $set: Record<string, unknown> } } }[] = [];
  for (const c of contacts) {
    const created = c.createdAt.getTime();
    const by = c.createdBy ?? c.assignedTo ?? admins[0]?._id ?? null;
    events.push({ contactId: c._id, type: 'created', from: null, to: 'lead', by, at: c.createdAt });
    // Moves along the funnel, spread between the creation and now.
    const steps = c.status === 'client' ? ['prospect', 'client'] : c.status === 'prospect' ? ['prospect'] : [];
    let at = created;
    let from = 'lead';
    for (const to of steps) {
      at += faker.number.int({ min: 1, max: Math.max(2, Math.floor((now - at) / DAY / 2)) }) * DAY;
      events.push({
        contactId: c._id,
        type: 'status',
        from,
        to,
        by: c.assignedTo ?? by,
        at: new Date(Math.min(at, now - DAY)),
      });
      from = to;
    }

    const set: Record<string, unknown> = {};
    if (c.siret && faker.datatype.boolean(0.25)) {
      const r = toRegistryCompany(demoPappersCompany(c.siret.slice(0, 9)));
      const enrichedAt = new Date(Math.max(created, now - faker.number.int({ min: 3, max: 540 }) * DAY));
      Object.assign(set, {
        nafCode: r.nafCode,
        nafLabel: r.nafLabel,
        headcount: r.headcount,
        revenue: r.revenue,
        revenueYear: r.revenueYear,
        legalForm: r.legalForm,
        directors: r.directors,
        manager: r.manager,
        enrichment: {
          source: 'pappers',
          at: enrichedAt,
          fields: ['nafCode', 'nafLabel', 'headcount', 'revenue', 'legalForm', 'directors', 'manager'],
          demo: true,
        },
      });
      events.push({
        contactId: c._id,
        type: 'enrichment',
        from: null,
        to: 'demo',
        by: c.assignedTo ?? by,
        at: enrichedAt,
      });
    }
    if (c.status === 'client' && faker.datatype.boolean(0.35)) {
      const author = (c.assignedTo && reps.get(String(c.assignedTo))) || admins[0];
      if (author) {
        const score = faker.number.int({ min: 25, max: 95 });
        const solvedAt = new Date(now - faker.number.int({ min: 2, max: 200 }) * DAY);
        set.solvency = {
          score,
          source: 'manuel',
          at: solvedAt,
          by: author._id,
          byName: `${author.firstName} ${author.lastName}`,
        };
        events.push({
          contactId: c._id,
          type: 'solvency',
          from: null,
          to: String(score),
          by: author._id,
          at: solvedAt,
        });
      }
    }
    if (Object.keys(set).length) updates.push({ updateOne: { filter: { _id: c._id }, update: { $set: set } } });
  }
  if (events.length) await ContactEvent.insertMany(events, { ordered: false });
  await bulkWriteInChunks(Contact as never, updates);
  for (let i = 0; i < contacts.length; i += 500)
    await recomputeQuality(
      contacts.slice(i, i + 500).map((c) => c._id),
      new Date(now),
    );
}
