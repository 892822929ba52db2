/**
 * Demo activities: calls, e-mails, meetings and video calls of the sales reps with their contacts, over
 * the last six months (mostly completed, a few cancelled or overdue) and the next four weeks (planned,
 * many with a reminder). Some past calls come from Aircall. Times are business hours in Paris.
 * Deterministic: its own faker instance and seed, whatever the other demo data consume.
 */
import { base, Faker, fr } from '@faker-js/faker';
import type { Types } from 'mongoose';
import {
  parisWallTime,
  parisWallTimeToDate,
  type ActivityPriority,
  type ActivityStatus,
  type ActivityType,
} from '../contracts/index.js';
import { Activity, activitySearchText, remindAtOf } from '../crm/activities/index.js';
import { Contact } from '../crm/contacts/index.js';
import { Deal } from '../crm/deals/index.js';
import { JobClaim } from '../jobs/claims.js';
import { Notification } from '../notifications/notification.model.js';
import { User } from '../team/user.model.js';

const DAY = 86_400_000;

const SUBJECTS: Record<ActivityType, string[]> = {
  call: [
    'Appel de découverte',
    'Qualification du besoin',
    'Relance téléphonique du devis',
    'Point d’avancement du projet',
    'Appel de suivi après mise en ligne',
    'Rappel suite à la demande de contact',
    'Prise de rendez-vous',
    'Point budget avant signature',
  ],
  email: [
    'Envoi de la proposition commerciale',
    'Relance du devis',
    'Envoi du compte rendu de réunion',
    'Envoi des références clients',
    'Envoi de la plaquette de l’agence',
    'Envoi du planning de production',
    'Relance pour les contenus du site',
  ],
  meeting: [
    'Rendez-vous de présentation de l’agence',
    'Atelier de cadrage du site',
    'Réunion de lancement du projet',
    'Présentation de la maquette',
    'Revue des résultats trimestriels',
    'Signature du contrat',
    'Shooting photo sur place',
  ],
  video: [
    'Visio de démonstration',
    'Visio de cadrage',
    'Point visio mensuel',
    'Présentation des performances Google Ads',
    'Restitution de l’audit SEO',
    'Visio de recette du site',
  ],
};

const OUTCOMES = [
  'Intéressé par une refonte du site vitrine, budget autour de 8 000 €.',
  'Souhaite un devis pour du référencement local sur trois villes.',
  'Pas disponible, rappeler la semaine prochaine en fin de matinée.',
  'Décision attendue après le comité de direction du mois prochain.',
  'Valide la maquette avec deux ajustements sur la page d’accueil.',
  'Satisfait des premiers résultats, envisage d’augmenter le budget Ads.',
  'Compare notre offre avec celle d’une agence lyonnaise.',
  'A transmis les accès Google Analytics et Search Console.',
  'Demande un paiement en trois fois, à valider avec la direction.',
  'Très bon échange, envoie les textes et photos d’ici vendredi.',
  'Souhaite ajouter un module de prise de rendez-vous en ligne.',
  'Message laissé sur le répondeur, en attente de rappel.',
];

const PREPARATION = [
  'Préparer les chiffres de trafic du dernier trimestre.',
  'Apporter des exemples de sites e-commerce réalisés.',
  'Reprendre les points restés ouverts lors du dernier échange.',
  'Vérifier la disponibilité de l’équipe production avant de s’engager sur une date.',
  'Présenter les options d’hébergement et de maintenance.',
  'Avoir le devis révisé sous la main.',
];

const CANCEL_REASONS = [
  'Annulé par le client, à replanifier.',
  'Le contact est en congés, reporté.',
  'Doublon avec le rendez-vous de l’équipe projet.',
];

const REMINDERS = [15, 30, 60, 1440];

interface SeedContact {
  _id: Types.ObjectId;
  name: string;
  companyId: Types.ObjectId | null;
  companyName?: string;
  phone?: string;
  owner: Types.ObjectId;
  deals: { _id: Types.ObjectId; title: string }[];
}

/** A weekday slot in Paris business hours (08:30–18:15, quarter hours), about `daysFromNow` days away. */
function businessSlot(faker: Faker, now: number, daysFromNow: number): Date {
  let day = parisWallTime(now + daysFromNow * DAY);
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
  if (weekday === 0 || weekday === 6) {
    // A weekend day becomes any working day of the same week.
    const toMonday = weekday === 0 ? -6 : -5;
    day = parisWallTime(now + (daysFromNow + toMonday + faker.number.int(4)) * DAY);
  }
  const quarter = faker.number.int({ min: 34, max: 73 }); // 08:30 → 18:15
  return parisWallTimeToDate({ year: day.year, month: day.month, day: day.day, hour: Math.floor(quarter / 4), minute: (quarter % 4) * 15 });
}

function durationFor(faker: Faker, type: ActivityType): number | null {
  switch (type) {
    case 'call':
      return faker.number.int({ min: 3, max: 35 });
    case 'email':
      return faker.datatype.boolean(0.5) ? faker.helpers.arrayElement([5, 10, 15]) : null;
    case 'meeting':
      return faker.helpers.arrayElement([30, 45, 60, 90, 120]);
    case 'video':
      return faker.helpers.arrayElement([20, 30, 45, 60]);
  }
}

export function generateActivities(contacts: SeedContact[], count: number, now = Date.now(), seed = 2026_04) {
  const faker = new Faker({ locale: [fr, base] });
  faker.seed(seed);
  const docs = [];
  let aircallId = 7_300_000;
  for (let i = 0; i < count; i++) {
    const c = faker.helpers.arrayElement(contacts);
    const future = faker.datatype.boolean(0.15);
    // Past: the last six months, denser recently. Future: the next four weeks.
    const offset = future ? faker.number.int({ min: 0, max: 27 }) : -Math.round(182 * faker.number.float() ** 1.4);
    let dueAt = businessSlot(faker, now, offset);
    if (!future && dueAt.getTime() > now) dueAt = new Date(dueAt.getTime() - DAY);
    if (future && dueAt.getTime() < now) dueAt = new Date(dueAt.getTime() + DAY);
    const past = dueAt.getTime() < now;
    const type = faker.helpers.weightedArrayElement<ActivityType>([
      { value: 'call', weight: 40 },
      { value: 'email', weight: 25 },
      { value: 'meeting', weight: 20 },
      { value: 'video', weight: 15 },
    ]);
    const status: ActivityStatus = past
      ? faker.helpers.weightedArrayElement<ActivityStatus>([
          { value: 'completed', weight: 82 },
          { value: 'cancelled', weight: 10 },
          // Overdue: still planned, a few weeks at most.
          { value: offset > -21 ? 'planned' : 'completed', weight: 8 },
        ])
      : faker.datatype.boolean(0.05)
        ? 'cancelled'
        : 'planned';
    const priority = faker.helpers.weightedArrayElement<ActivityPriority>([
      { value: 'high', weight: 20 },
      { value: 'medium', weight: 55 },
      { value: 'low', weight: 25 },
    ]);
    const deal = c.deals.length && faker.datatype.boolean(0.4) ? faker.helpers.arrayElement(c.deals) : undefined;
    const about = c.companyName ?? c.name;
    const subject = `${faker.helpers.arrayElement(SUBJECTS[type])} — ${about}`;
    const notes =
      status === 'completed'
        ? faker.helpers.arrayElement(OUTCOMES)
        : status === 'cancelled'
          ? faker.helpers.arrayElement(CANCEL_REASONS)
          : faker.datatype.boolean(0.6)
            ? faker.helpers.arrayElement(PREPARATION)
            : undefined;
    const reminderMinutes = status === 'planned' && faker.datatype.boolean(future ? 0.6 : 0.3) ? faker.helpers.arrayElement(REMINDERS) : null;
    const remindAt = remindAtOf({ dueAt, reminderMinutes });
    const durationMinutes = status === 'cancelled' ? null : durationFor(faker, type);
    const fromAircall = type === 'call' && status === 'completed' && Boolean(c.phone) && faker.datatype.boolean(0.35);
    const direction = faker.datatype.boolean(0.6) ? ('outbound' as const) : ('inbound' as const);
    const createdAt = new Date(
      fromAircall ? dueAt.getTime() + (durationMinutes ?? 1) * 60_000 : Math.min(dueAt.getTime(), now) - faker.number.int({ min: 1, max: 14 }) * DAY,
    );
    const completedAt = status === 'completed' ? new Date(dueAt.getTime() + (durationMinutes ?? 5) * 60_000) : null;
    const doc = {
      type,
      subject: fromAircall ? `${direction === 'inbound' ? 'Appel entrant' : 'Appel sortant'} — ${c.name}` : subject,
      priority,
      status,
      dueAt,
      durationMinutes,
      notes,
      contactId: c._id,
      contactName: c.name,
      companyId: c.companyId,
      companyName: c.companyName,
      dealId: deal?._id ?? null,
      dealName: deal?.title,
      owner: c.owner,
      reminderMinutes,
      remindAt,
      // Reminders whose time has passed went out when they were due.
      remindedAt: remindAt && remindAt.getTime() <= now ? remindAt : null,
      completedAt,
      source: fromAircall ? ('aircall' as const) : ('manual' as const),
      aircall: fromAircall
        ? { callId: String(aircallId), direction, phone: c.phone, durationSeconds: (durationMinutes ?? 1) * 60 - faker.number.int(59), missed: false }
        : undefined,
      originKey: fromAircall ? `aircall:${aircallId++}` : undefined,
      createdBy: fromAircall ? null : c.owner,
      deletedAt: null,
      createdAt,
      updatedAt: completedAt && completedAt.getTime() < now ? completedAt : createdAt,
    };
    docs.push({ ...doc, searchText: activitySearchText(doc) });
  }
  return docs;
}

/** Replaces the activities (and the notifications they caused) with `count` demo activities. */
export async function seedActivities(opts: { count?: number; seed?: number; now?: number } = {}): Promise<number> {
  await Promise.all([Activity.deleteMany({}), Notification.deleteMany({}), JobClaim.deleteMany({})]);
  await Activity.syncIndexes();
  const reps = await User.find({ role: 'sales', status: 'active' }, { _id: 1 }).sort({ _id: 1 }).lean();
  const contacts = await Contact.find(
    { deletedAt: null, assignedTo: { $in: reps.map((r) => r._id) } },
    { firstName: 1, lastName: 1, companyName: 1, companyId: 1, phone: 1, assignedTo: 1 },
  )
    .sort({ _id: 1 })
    .lean();
  if (!contacts.length) return 0;
  const deals = await Deal.find({ deletedAt: null, stage: { $nin: ['won', 'lost'] } }, { title: 1, contactId: 1, owner: 1 }).lean();
  const seedContacts: SeedContact[] = contacts.map((c) => ({
    _id: c._id,
    name: `${c.firstName} ${c.lastName}`,
    companyId: c.companyId ?? null,
    companyName: c.companyName ?? undefined,
    phone: c.phone ?? undefined,
    owner: c.assignedTo!,
    deals: deals
      .filter((d) => String(d.contactId) === String(c._id) && String(d.owner) === String(c.assignedTo))
      .map((d) => ({ _id: d._id, title: d.title })),
  }));
  const docs = generateActivities(seedContacts, opts.count ?? 400, opts.now, opts.seed);
  await Activity.insertMany(docs, { ordered: false, timestamps: false } as never);
  return docs.length;
}
