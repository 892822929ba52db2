/**
 * Benchmark (b): with 20,000 contacts (agency scale; pass 100000 for the larger figure), the median latency of a contacts page request as a sales
 * rep (HTTP, session, permission check, scoped query, count, population) next to the same scoped
 * query run directly with the MongoDB driver, and their ratio.
 *
 *   npx tsx bench/contacts-latency.ts [contacts=20000] [samples=10]
 */
import { MongoClient, type ObjectId } from 'mongodb';
import { DEMO_LOGIN_EMAILS } from '../api/src/demo/accounts.js';
import { startStack } from '../scripts/lib/stack.js';

const TOTAL = Number(process.argv[2] ?? 20_000);
const SAMPLES = Number(process.argv[3] ?? 10);
const stack = await startStack();
const client = new MongoClient(stack.mongodbUri);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

try {
  await client.connect();
  const db = client.db();
  const rep = await db.collection('users').findOne({ email: DEMO_LOGIN_EMAILS.sales });
  const reps = await db.collection('users').find({ role: 'sales' }).toArray();
  const existing = await db.collection('contacts').countDocuments();
  console.log(`Generating ${TOTAL - existing} more contacts (total ${TOTAL})…`);
  const started = Date.now();
  const BATCH = 5000;
  for (let done = existing; done < TOTAL; done += BATCH) {
    const docs = [];
    for (let i = done; i < Math.min(TOTAL, done + BATCH); i++) {
      const owner = i % 7 === 0 ? null : reps[i % reps.length]!._id;
      const createdAt = new Date(Date.now() - i * 60_000);
      docs.push({
        firstName: `Prénom${i}`,
        lastName: `Nom${i}`,
        email: `contact${i}@exemple.fr`,
        status: ['lead', 'prospect', 'client'][i % 3],
        companyName: `Société ${i % 900}`,
        city: 'Lyon',
        postalCode: '69002',
        tags: [],
        qualityScore: i % 100,
        assignedTo: owner,
        searchText: `prenom${i} nom${i} contact${i}@exemple.fr societe ${i % 900}`,
        deletedAt: null,
        createdAt,
        updatedAt: createdAt,
      });
    }
    await db.collection('contacts').insertMany(docs, { ordered: false });
  }
  console.log(`Inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // The sales rep's session.
  const cookies: string[] = [];
  const cfgRes = await fetch(`${stack.baseURL}/api/auth/config`);
  cookies.push(cfgRes.headers.getSetCookie()[0]!.split(';')[0]!);
  const { csrfToken } = (await cfgRes.json()) as { csrfToken: string };
  const login = await fetch(`${stack.baseURL}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: cookies.join('; ') },
    body: JSON.stringify({ role: 'sales' }),
  });
  const sid = login.headers.getSetCookie()[0]!.split(';')[0]!;

  const httpTimes: number[] = [];
  let total = 0;
  for (let i = 0; i < SAMPLES + 1; i++) {
    const t = performance.now();
    const res = await fetch(`${stack.baseURL}/api/crm/contacts?page=${(i % 5) + 1}&pageSize=20&sort=-createdAt`, { headers: { cookie: sid } });
    const body = (await res.json()) as { total: number };
    if (!res.ok) throw new Error(`contacts page ${i}: HTTP ${res.status} ${JSON.stringify(body)}`);
    total = body.total;
    if (i >= 1) httpTimes.push(performance.now() - t);
  }

  const filter = { $and: [{ $or: [{ assignedTo: { $in: [rep!._id, null] } }] }, { deletedAt: null }] };
  const driverTimes: number[] = [];
  for (let i = 0; i < SAMPLES + 1; i++) {
    const t = performance.now();
    const [items] = await Promise.all([
      db.collection('contacts').find(filter).sort({ createdAt: -1, _id: -1 }).skip((i % 5) * 20).limit(20).toArray(),
      db.collection('contacts').countDocuments(filter),
    ]);
    const ids = [...new Set(items.map((c) => c.assignedTo).filter(Boolean))] as ObjectId[];
    await db.collection('users').find({ _id: { $in: ids } }, { projection: { firstName: 1, lastName: 1, avatarUrl: 1 } }).toArray();
    if (i >= 1) driverTimes.push(performance.now() - t);
  }
  const h = median(httpTimes);
  const d = median(driverTimes);
  console.log(`\nContacts visible to the sales rep: ${total} of ${TOTAL}`);
  console.log(`Median contacts page via the API (HTTP, ${SAMPLES} samples): ${h.toFixed(1)} ms`);
  console.log(`Median same scoped query via the MongoDB driver:            ${d.toFixed(1)} ms`);
  console.log(`Ratio API / driver: ${(h / d).toFixed(2)}`);
} finally {
  await client.close();
  await stack.close();
}
