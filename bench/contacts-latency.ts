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
        tags: i % 10 === 0 ? ['VIP'] : [],
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

  /** Median latency of a contacts page request (after one warm-up), and the total it reports. */
  async function pageLatency(query: string) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < SAMPLES + 1; i++) {
      const t = performance.now();
      const res = await fetch(`${stack.baseURL}/api/crm/contacts?${query}`, { headers: { cookie: sid } });
      const body = (await res.json()) as { total: number };
      if (!res.ok) throw new Error(`contacts page ${query} (sample ${i}): HTTP ${res.status} ${JSON.stringify(body)}`);
      total = body.total;
      if (i >= 1) times.push(performance.now() - t);
    }
    return { median: median(times), total };
  }

  // Every filter, sort and search of the contacts screen, as the sales rep.
  const only = process.env.BENCH_ONLY;
  const variants: [string, string][] = ([
    ['default (newest first)', 'page=1&pageSize=20&sort=-createdAt'],
    ['page 50', 'page=50&pageSize=20&sort=-createdAt'],
    ['status Lead', 'page=1&pageSize=20&sort=-createdAt&status=lead'],
    ['tag VIP', 'page=1&pageSize=20&sort=-createdAt&tag=VIP'],
    ['unassigned', 'page=1&pageSize=20&sort=-createdAt&assignedTo=none'],
    ['sort by name', 'page=1&pageSize=20&sort=lastName'],
    ['sort by score', 'page=1&pageSize=20&sort=-qualityScore'],
    ['search "nom1234"', 'page=1&pageSize=20&sort=-createdAt&q=nom1234'],
    ['search "societe 12"', 'page=1&pageSize=20&sort=-createdAt&q=societe%2012'],
  ] as [string, string][]).filter(([name]) => !only || name.includes(only));
  const rows: { variant: string; ms: number; total: number }[] = [];
  for (const [variant, query] of variants) {
    const { median: ms, total: n } = await pageLatency(query);
    rows.push({ variant, ms, total: n });
  }
  const total = rows[0]!.total;
  const h = rows[0]!.ms;
  console.log(`\nContacts page as the sales rep, median of ${SAMPLES} (target ≤ 500 ms):`);
  for (const r of rows)
    console.log(`  ${r.variant.padEnd(24)} ${r.ms.toFixed(1).padStart(8)} ms  ${String(r.total).padStart(6)} results  ${r.ms <= 500 ? 'ok' : 'OVER'}`);
  console.log(`Slowest: ${Math.max(...rows.map((r) => r.ms)).toFixed(1)} ms`);

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
  const d = median(driverTimes);
  console.log(`\nContacts visible to the sales rep: ${total} of ${TOTAL}`);
  console.log(`Median default contacts page via the API (HTTP):  ${h.toFixed(1)} ms`);
  console.log(`Median same scoped query via the MongoDB driver: ${d.toFixed(1)} ms`);
  console.log(`Ratio API / driver: ${(h / d).toFixed(2)}`);
} finally {
  await client.close();
  await stack.close();
}
