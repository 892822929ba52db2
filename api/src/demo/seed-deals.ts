/**
 * Demo deals: French agency deals on the demo contacts, owned by the contact's sales rep (a few by
 * the administrators, on unassigned contacts), both issuing companies, stages spread over the last
 * twelve months with coherent dated histories. Deterministic (its own faker seed).
 */
import { fakerFR as faker } from '@faker-js/faker';
import mongoose from 'mongoose';
import {
  COMPANIES,
  DEAL_STAGES,
  DEAL_STAGE_PROBABILITY,
  weightedAmountOf,
  type CompanyKey,
  type DealStage,
} from '../contracts/index.js';
import { Contact } from '../crm/contacts/index.js';
import { Deal, dealSearchText } from '../crm/deals/index.js';
import { User } from '../team/user.model.js';

const DAY = 86_400_000;

/** Typical offers of the two agencies, with a realistic price range in euros. */
const OFFERS: { title: string; min: number; max: number }[] = [
  { title: 'Refonte site vitrine', min: 3500, max: 12_000 },
  { title: 'Site e-commerce Shopify', min: 8000, max: 35_000 },
  { title: 'Site e-commerce WooCommerce', min: 6000, max: 25_000 },
  { title: 'Campagne Google Ads', min: 1500, max: 9000 },
  { title: 'Campagne Meta Ads', min: 1500, max: 8000 },
  { title: 'Community management 6 mois', min: 4200, max: 12_000 },
  { title: 'Community management 12 mois', min: 8000, max: 22_000 },
  { title: 'Audit SEO et plan d’action', min: 1500, max: 5000 },
  { title: 'Accompagnement SEO 12 mois', min: 6000, max: 18_000 },
  { title: 'Identité visuelle et charte graphique', min: 2500, max: 9000 },
  { title: 'Application mobile de réservation', min: 25_000, max: 60_000 },
  { title: 'Plateforme B2B sur mesure', min: 30_000, max: 60_000 },
  { title: 'Tournage vidéo de marque', min: 3000, max: 14_000 },
  { title: 'Stratégie d’influence', min: 5000, max: 20_000 },
  { title: 'Newsletter et automatisation e-mail', min: 2000, max: 7000 },
  { title: 'Maintenance et hébergement annuel', min: 1500, max: 4800 },
  { title: 'Landing pages campagne de lancement', min: 2000, max: 8000 },
  { title: 'Shooting photo produits', min: 1500, max: 6000 },
];

const LOSS_REASONS = [
  'Budget insuffisant cette année',
  'Choix d’un concurrent moins cher',
  'Projet reporté à l’année prochaine',
  'Plus de réponse du client depuis deux mois',
  'Besoin finalement internalisé',
  'Délais de livraison jugés trop longs',
  'Changement de direction chez le client',
];

const NOTES = [
  'Premier rendez-vous très positif, décision attendue après le comité de direction.',
  'Le client compare avec deux autres agences.',
  'Relancer après les vacances scolaires.',
  'Souhaite un paiement en trois fois.',
  'Besoin d’une démo des réalisations e-commerce.',
  'Budget validé par le gérant, reste la date de démarrage.',
];

/** Final stage of a demo deal, with its weight. */
const STAGE_WEIGHTS: [DealStage, number][] = [
  ['discovery', 18],
  ['qualification', 15],
  ['proposal', 16],
  ['negotiation', 12],
  ['won', 23],
  ['lost', 16],
];

/** The contact a deal is made for, and who owns it. */
export interface DealSeedContact {
  contactId: mongoose.Types.ObjectId;
  contactName: string;
  companyName?: string;
  companyId: mongoose.Types.ObjectId | null;
  owner: mongoose.Types.ObjectId;
  ownerCompany: CompanyKey;
}

const roundTo = (v: number, step: number) => Math.round(v / step) * step;
const midnight = (t: number) => new Date(Math.floor(t / DAY) * DAY);

/** The stages a deal went through to reach `final`, in order. */
function pathTo(final: DealStage): DealStage[] {
  const open = DEAL_STAGES.slice(0, 4);
  if (final === 'lost') return [...open.slice(0, faker.number.int({ min: 1, max: 4 })), 'lost'];
  const end = final === 'won' ? 4 : open.indexOf(final) + 1;
  const path = [...open.slice(0, end)];
  // Some deals skip Qualification (a warm lead goes straight to a proposal).
  if (path.length > 2 && faker.datatype.boolean(0.2)) path.splice(1, 1);
  return final === 'won' ? [...path, 'won'] : path;
}

/** Demo deals for these contacts (plain documents for insertMany), dated up to `now`. */
export function generateDeals(contacts: DealSeedContact[], count: number, now = Date.now()) {
  const docs = [];
  for (let i = 0; i < count; i++) {
    const c = faker.helpers.arrayElement(contacts);
    const offer = faker.helpers.arrayElement(OFFERS);
    const amount = roundTo(faker.number.int({ min: offer.min, max: offer.max }), 50);
    const final = faker.helpers.weightedArrayElement(STAGE_WEIGHTS.map(([value, weight]) => ({ value, weight })));
    const path = pathTo(final);
    const closed = final === 'won' || final === 'lost';
    // Closed deals span the last twelve months; open ones are younger, the further along the longer.
    const ageDays = closed
      ? faker.number.int({ min: 10, max: 365 })
      : faker.number.int({ min: 3, max: 30 + 35 * (path.length - 1) });
    const createdAt = now - ageDays * DAY - faker.number.int(DAY);
    // Gaps between stages (days), squeezed into the time since creation.
    const gaps = path.slice(1).map(() => faker.number.int({ min: 2, max: 35 }) * DAY + faker.number.int(DAY));
    const span = gaps.reduce((s, g) => s + g, 0);
    const room = (now - createdAt) * 0.95;
    const scale = span > room ? room / span : 1;
    let at = createdAt;
    const stageHistory = path.map((stage, k) => {
      if (k > 0) at += gaps[k - 1]! * scale;
      return { stage, at: new Date(at), by: c.owner };
    });
    const last = stageHistory[stageHistory.length - 1]!;
    const probability = closed
      ? DEAL_STAGE_PROBABILITY[final]
      : Math.min(95, Math.max(5, DEAL_STAGE_PROBABILITY[final] + roundTo(faker.number.int({ min: -15, max: 15 }), 5)));
    const expectedCloseDate = closed
      ? midnight(last.at.getTime())
      : midnight(now + faker.number.int({ min: -20, max: 150 }) * DAY);
    const title = faker.datatype.boolean(0.35) && c.companyName ? `${offer.title} – ${c.companyName}` : offer.title;
    const otherCompany = COMPANIES.find((k) => k !== c.ownerCompany)!;
    docs.push({
      title,
      contactId: c.contactId,
      contactName: c.contactName,
      companyId: c.companyId,
      companyName: c.companyName,
      amount,
      stage: final,
      probability,
      weightedAmount: weightedAmountOf(amount, probability),
      expectedCloseDate,
      issuingCompany: faker.datatype.boolean(0.8) ? c.ownerCompany : otherCompany,
      owner: c.owner,
      lossReason: final === 'lost' ? faker.helpers.arrayElement(LOSS_REASONS) : undefined,
      notes: faker.datatype.boolean(0.4) ? faker.helpers.arrayElement(NOTES) : undefined,
      stageHistory,
      stageChangedAt: last.at,
      wonAt: final === 'won' ? last.at : null,
      lostAt: final === 'lost' ? last.at : null,
      createdBy: c.owner,
      searchText: dealSearchText({ title, contactName: c.contactName, companyName: c.companyName }),
      deletedAt: null,
      createdAt: new Date(createdAt),
      updatedAt: last.at,
    });
  }
  return docs;
}

/** Contacts the deals can be made for: assigned ones owned by their rep, unassigned ones by `fallbackOwners`. */
export async function dealSeedContacts(filter: Record<string, unknown> = {}): Promise<DealSeedContact[]> {
  const members = await User.find({ role: { $in: ['sales', 'admin'] }, status: 'active' }, { role: 1, company: 1 }).lean();
  const companyOf = new Map(members.map((m) => [String(m._id), m.company]));
  const admins = members.filter((m) => m.role === 'admin');
  const contacts = await Contact.find({ deletedAt: null, ...filter }).sort({ _id: 1 }).lean();
  const out: DealSeedContact[] = [];
  for (const c of contacts) {
    const assignee = c.assignedTo ? String(c.assignedTo) : null;
    if (assignee && !companyOf.has(assignee)) continue;
    const owner = assignee ? c.assignedTo! : admins.length ? faker.helpers.arrayElement(admins)._id : null;
    if (!owner) continue;
    // `companyId` arrives on contacts with the companies screen; copy it when there is one.
    const companyId = (c as { companyId?: unknown }).companyId;
    out.push({
      contactId: c._id,
      contactName: `${c.firstName} ${c.lastName}`,
      companyName: c.companyName ?? undefined,
      companyId: companyId ? new mongoose.Types.ObjectId(String(companyId)) : null,
      owner,
      ownerCompany: companyOf.get(String(owner))!,
    });
  }
  return out;
}

/** Replaces the deals with `count` demo deals (most for contacts assigned to the sales reps). */
export async function seedDeals(opts: { count?: number; seed?: number } = {}): Promise<number> {
  faker.seed(opts.seed ?? 2026_03);
  await Deal.deleteMany({});
  await Deal.syncIndexes();
  const all = await dealSeedContacts();
  const reps = new Set((await User.find({ role: 'sales' }, { _id: 1 }).lean()).map((u) => String(u._id)));
  const ofReps = all.filter((c) => reps.has(String(c.owner)));
  const ofAdmins = all.filter((c) => !reps.has(String(c.owner)));
  const count = opts.count ?? 150;
  const adminShare = ofAdmins.length ? Math.round(count * 0.1) : 0;
  const docs = [...generateDeals(ofReps, count - adminShare), ...generateDeals(ofAdmins, adminShare)];
  if (docs.length) await Deal.insertMany(docs, { ordered: false, timestamps: false } as never);
  return docs.length;
}
