/**
 * The embedded FerretDB is patched to push filters, sorts, limits and counts down to SQLite
 * (scripts/ferretdb/*.patch), through its indexes or not. Its answers must not change: the same random queries run against the
 * test server and against a second one started with pushdown disabled (FerretDB's own in-memory
 * evaluation, the reference), on the same documents of every type — arrays, nulls, missing fields,
 * mixed numbers, dates, ObjectIds — and the results are compared.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId, type Document, type Filter, type Sort } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFerretDB, withDatabase, type RunningFerretDB } from '../../../scripts/lib/ferretdb.js';

/** A small deterministic PRNG (mulberry32): the same documents and queries on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(20261203);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const owners = [
  new ObjectId('6500000000000000000000a1'),
  new ObjectId('6500000000000000000000b2'),
  new ObjectId('6500000000000000000000c3'),
];
const words = ['lead', 'prospect', 'client', 'Lyon', 'lyon', 'Société', 'é', ''];
const days = [0, 1, 2, 3].map((d) => new Date(Date.UTC(2026, 10, 1 + d, 9)));

/** A value of a field that may be anything an application stores. */
function anyValue(): unknown {
  switch (Math.floor(random() * 12)) {
    case 0:
      return null;
    case 1:
      return pick(owners);
    case 2:
      return pick(words);
    case 3:
      return Math.floor(random() * 5);
    case 4:
      return Math.floor(random() * 5) + 0.5;
    case 5:
      return pick(days);
    case 6:
      return random() < 0.5;
    case 7:
      return [pick(words), pick(owners)];
    case 8:
      // Empty, or elements of other types (FerretDB v1 stores no nested arrays).
      return random() < 0.5 ? [] : [{ nested: pick(words) }, pick(days), pick(owners)];
    case 9:
      return { nested: pick(words) };
    case 10:
      return [Math.floor(random() * 5), null];
    default:
      return undefined; // missing
  }
}

function makeDocs(n: number): Document[] {
  return Array.from({ length: n }, (_, i) => {
    const doc: Document = { _id: new ObjectId(), seq: i };
    for (const f of ['a', 'b', 'c']) {
      const v = anyValue();
      if (v !== undefined) doc[f] = v;
    }
    // Fields shaped like the application's: mostly well-typed, sometimes missing or null.
    if (random() < 0.9) doc.assignedTo = random() < 0.2 ? null : pick(owners);
    if (random() < 0.95) doc.status = pick(['lead', 'prospect', 'client']);
    doc.deletedAt = random() < 0.1 ? pick(days) : null;
    doc.createdAt =
      random() < 0.5 ? pick(days) : new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 40) * 86_400_000);
    doc.searchText = `${pick(words)} ${pick(words)} contact${i}`.toLowerCase();
    return doc;
  });
}

/** A random condition on a random field, in every operator the translator knows and some it does not. */
function condition(depth = 0): Filter<Document> {
  const field = pick(['a', 'b', 'c', 'assignedTo', 'status', 'deletedAt', 'createdAt', 'searchText', 'missing']);
  const value = () => {
    const v = anyValue();
    return v === undefined ? null : v;
  };
  const scalar = () => pick([null, pick(owners), pick(words), Math.floor(random() * 5), 2.5, pick(days), true, false]);
  switch (Math.floor(random() * (depth > 1 ? 12 : 14))) {
    case 0:
      return { [field]: value() };
    case 1:
      return { [field]: { $eq: scalar() } };
    case 2:
      return { [field]: { $ne: scalar() } };
    case 3:
      return { [field]: { $in: [scalar(), scalar(), scalar()] } };
    case 4:
      return { [field]: { [pick(['$gt', '$gte', '$lt', '$lte'])]: scalar() } };
    case 5:
      return { [field]: { $gte: pick(days), $lt: pick(days) } };
    case 6:
      return { [field]: { $exists: random() < 0.5 } };
    case 7:
      return { [field]: { $regex: pick(['ly', '^ly', 'contact1', 'é', 'c.ntact', '']) } };
    case 8:
      return { [field]: { $regex: 'LY', $options: 'i' } };
    case 9:
      return { [field]: { $nin: [scalar()] } };
    case 10:
      return { [`${field}.nested`]: pick(words) };
    case 11:
      return { [field]: { $size: 2 } };
    case 12:
      return { $or: [condition(depth + 1), condition(depth + 1)] };
    default:
      return { $and: [condition(depth + 1), condition(depth + 1)] };
  }
}

function filter(): Filter<Document> {
  const parts = Array.from({ length: random() < 0.7 ? 1 : 2 }, () => condition());
  return parts.length === 1 ? parts[0]! : { $and: parts };
}

let reference: RunningFerretDB;
let dataDir: string;
let patched: MongoClient;
let plain: MongoClient;
const DB = `pushdown_${process.pid}`;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-pushdown-'));
  reference = await startFerretDB({ dataDir, extraArgs: ['--test-disable-pushdown'] });
  patched = await MongoClient.connect(withDatabase(inject('mongoUri'), DB));
  plain = await MongoClient.connect(withDatabase(reference.uri, DB));
  const docs = makeDocs(300);
  for (const client of [patched, plain]) {
    await client.db().collection('docs').deleteMany({});
    // Indexes, so that the patched server also answers through its companion (rank, value) indexes.
    const keys: Record<string, 1 | -1>[] = [
      { assignedTo: 1, createdAt: -1 },
      { assignedTo: 1, deletedAt: 1, createdAt: -1 },
      { deletedAt: 1 },
      { status: 1 },
      { a: 1 },
      { createdAt: -1, _id: 1 },
    ];
    for (const key of keys) await client.db().collection('docs').createIndex(key);
    await client
      .db()
      .collection('docs')
      .insertMany(docs.map((d) => ({ ...d })));
  }
});

afterAll(async () => {
  await patched?.db().dropDatabase();
  await patched?.close();
  await plain?.close();
  await reference?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const ids = (docs: Document[]) => docs.map((d) => String(d._id));

describe('FerretDB pushdown to SQLite', () => {
  it('finds, sorts, pages and counts exactly as FerretDB without pushdown', async () => {
    const a = patched.db().collection('docs');
    const b = plain.db().collection('docs');
    let nonEmpty = 0;
    for (let i = 0; i < 150; i++) {
      const f = filter();
      const label = JSON.stringify(f);

      const [all, expectedAll] = await Promise.all([a.find(f).toArray(), b.find(f).toArray()]);
      expect(ids(all).sort(), label).toEqual(ids(expectedAll).sort());
      if (all.length) nonEmpty++;

      const [n, expectedN] = await Promise.all([a.countDocuments(f), b.countDocuments(f)]);
      expect(n, `count ${label}`).toBe(expectedN);

      // A page: a sort with its _id tie-break, as the lists use, a skip and a limit.
      const key = pick(['a', 'b', 'assignedTo', 'status', 'deletedAt', 'createdAt', 'missing']);
      const sort: Sort = { [key]: pick([1, -1] as const), _id: pick([1, -1] as const) };
      const skip = pick([0, 0, 3, 20]);
      const limit = pick([1, 5, 20]);
      const [page, expectedPage] = await Promise.all([
        a.find(f).sort(sort).skip(skip).limit(limit).toArray(),
        b.find(f).sort(sort).skip(skip).limit(limit).toArray(),
      ]);
      expect(ids(page), `page ${label} ${JSON.stringify(sort)} ${skip}/${limit}`).toEqual(ids(expectedPage));

      // findOne without a sort: any match will do, but one if there is one.
      const one = await a.findOne(f);
      if (expectedAll.length === 0) expect(one, label).toBeNull();
      else expect(ids(expectedAll), label).toContain(String(one!._id));
    }
    // The random queries are not all trivially empty.
    expect(nonEmpty).toBeGreaterThan(40);
  }, 240_000);

  it('answers every operator on every field and value as FerretDB without pushdown', async () => {
    const a = patched.db().collection('docs');
    const b = plain.db().collection('docs');
    const fields = ['a', 'b', 'assignedTo', 'status', 'deletedAt', 'createdAt', 'searchText', 'missing'];
    const values = [null, owners[0], 'lead', 'lyon', 2, 2.5, days[1], true];
    const filters: Filter<Document>[] = [];
    for (const f of fields) {
      for (const v of values) {
        filters.push({ [f]: v }, { [f]: { $ne: v } }, { [f]: { $in: [v, 3] } });
        for (const op of ['$gt', '$gte', '$lt', '$lte']) filters.push({ [f]: { [op]: v } });
      }
      filters.push(
        { [f]: { $exists: true } },
        { [f]: { $exists: false } },
        { [f]: { $regex: '^ly' } },
        { [f]: /contact1/ },
        { [f]: { $in: [] } },
      );
    }
    // Long lists and many branches, as the application sends for a batch of ids.
    const all = await b.find({}).toArray();
    filters.push(
      { _id: { $in: all.slice(0, 250).map((d) => d._id) } },
      { seq: { $in: Array.from({ length: 2000 }, (_, i) => i * 2) } },
      { $or: all.slice(0, 300).map((d) => ({ seq: d.seq as number })) },
      { $and: all.slice(0, 300).map(() => ({ seq: { $gte: 10 } })) },
    );
    for (const f of filters) {
      const label = JSON.stringify(f);
      const [n, expectedN] = await Promise.all([a.countDocuments(f), b.countDocuments(f)]);
      expect(n, label).toBe(expectedN);
      const [page, expectedPage] = await Promise.all([
        a.find(f).sort({ createdAt: -1, _id: 1 }).limit(7).toArray(),
        b.find(f).sort({ createdAt: -1, _id: 1 }).limit(7).toArray(),
      ]);
      expect(ids(page), label).toEqual(ids(expectedPage));
    }
  }, 240_000);

  it('keeps counting documents with a constant _id group of the drivers and other groups apart', async () => {
    const a = patched.db().collection('docs');
    const b = plain.db().collection('docs');
    const pipelines: Document[][] = [
      [{ $match: { status: 'lead' } }, { $group: { _id: 1, n: { $sum: 1 } } }],
      [{ $match: { status: 'nobody' } }, { $group: { _id: 1, n: { $sum: 1 } } }],
      [
        { $match: { status: 'lead' } },
        { $group: { _id: '$assignedTo', n: { $sum: 1 } } },
        { $sort: { n: -1, _id: 1 } },
      ],
      [{ $match: { 'a.nested': 'lead', status: 'client' } }, { $group: { _id: null, total: { $sum: 1 } } }],
    ];
    for (const p of pipelines) {
      expect(await a.aggregate(p).toArray(), JSON.stringify(p)).toEqual(await b.aggregate(p).toArray());
    }
  });

  it('lists, drops and re-creates indexes built as companions only, and still enforces unique ones', async () => {
    const c = patched.db().collection('index_lifecycle');
    await c.deleteMany({});
    await c.createIndex({ owner: 1, at: -1 });
    await c.createIndex({ key: 1 }, { unique: true });
    expect((await c.indexes()).map((i) => i.name).sort()).toEqual(['_id_', 'key_1', 'owner_1_at_-1']);
    await c.insertOne({ key: 'a', owner: 1, at: 1 });
    await expect(c.insertOne({ key: 'a', owner: 2, at: 2 })).rejects.toThrow(/duplicate key/);
    await c.dropIndex('owner_1_at_-1');
    expect((await c.indexes()).map((i) => i.name).sort()).toEqual(['_id_', 'key_1']);
    await c.createIndex({ owner: 1, at: -1 });
    expect(await c.countDocuments({ owner: { $in: [1, null] } })).toBe(1);
    await c.drop();
  });
});
