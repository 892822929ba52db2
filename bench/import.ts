/**
 * Benchmark (import): a generated CSV of 100,000 contacts imported through the real job (upload,
 * analysis, Agenda run with deduplication and company sync) on the portal of scripts/lib/stack.ts,
 * next to a bare `insertMany` of the same rows on the same database, with the peak memory (RSS) of
 * the API process during the import (the API runs in this process).
 *
 *   npx tsx bench/import.ts [rows=100000]        or   npm run bench:import
 */
import { parse } from 'csv-parse';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startStack } from '../scripts/lib/stack.js';

const ROWS = Number(process.argv[2] ?? 100_000);
const HEADER = 'prenom;nom;email;telephone;entreprise;poste;code postal;ville;pays;statut;source';
const FIRST = ['Hélène', 'François', 'Zoé', 'Jean', 'Marie', 'Noël', 'Chloé', 'Léa', 'Étienne', 'Aurélien', 'Inès', 'Benoît'];
const LAST = ['Dupré', 'Lefèvre', 'Martin', 'Bernard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Garçon', 'Rivière', 'Mercier'];
const CITIES: [string, string][] = [['75011', 'Paris'], ['69003', 'Lyon'], ['13006', 'Marseille'], ['31000', 'Toulouse'], ['44000', 'Nantes'], ['59000', 'Lille']];
const STATUSES = ['Lead', 'Prospect', 'Client', 'lead', 'customer'];
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} Mo`;
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));

function row(i: number): string {
  // About three contacts per company, one in ten at one of 200 large accounts; e-mails and phones unique.
  const company = i % 10 === 0 ? 1_000_000 + (i % 200) : Math.floor(i / 3);
  const [postalCode, city] = CITIES[company % CITIES.length]!;
  return [
    FIRST[i % FIRST.length],
    `${LAST[(i >> 3) % LAST.length]}-${i}`,
    `contact.${i}@exemple-bench.fr`,
    `06 ${String(10_000_000 + i).replace(/(\d\d)(?=\d)/g, '$1 ')}`,
    `Société ${company}`,
    i % 4 ? 'Directeur commercial' : 'Gérante',
    postalCode,
    city,
    'France',
    STATUSES[i % STATUSES.length],
    'Salon 2026',
  ].join(';');
}

async function writeCsv(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${HEADER}\r\n`);
  for (let i = 0; i < ROWS; i++) if (!out.write(`${row(i)}\r\n`)) await new Promise((r) => out.once('drain', r));
  await new Promise<void>((r) => out.end(r));
}

async function login(baseURL: string): Promise<{ cookie: string; csrf: string }> {
  const cfg = await fetch(`${baseURL}/api/auth/config`);
  const first = cfg.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await cfg.json()) as { csrfToken: string };
  const res = await fetch(`${baseURL}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: first },
    body: JSON.stringify({ role: 'admin' }),
  });
  const { csrfToken: csrf } = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.getSetCookie()[0]!.split(';')[0]!, csrf };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-bench-import-'));
const file = path.join(dir, 'contacts.csv');
await writeCsv(file);
console.log(`Generated ${ROWS.toLocaleString('en')} rows (${MB(fs.statSync(file).size)})`);

const stack = await startStack({
  env: { IMPORTS_DIR: path.join(dir, 'uploads'), ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}) },
});
const client = new MongoClient(stack.mongodbUri);
try {
  await client.connect();
  const { cookie, csrf } = await login(stack.baseURL);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);

  // Upload (streamed from disk) and analysis.
  let t = performance.now();
  const form = new FormData();
  form.append('file', await fs.openAsBlob(file), 'contacts.csv');
  const up = await fetch(`${stack.baseURL}/api/crm/imports`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
  const analysed = (await up.json()) as { id: string; columns: string[]; totalRows: number };
  if (up.status !== 201) throw new Error(`upload failed: ${up.status} ${JSON.stringify(analysed)}`);
  const uploadMs = performance.now() - t;

  // The import job: default options (deduplication by e-mail and phone, skip), no assignment.
  t = performance.now();
  const start = await fetch(`${stack.baseURL}/api/crm/imports/${analysed.id}/start`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ columns: analysed.columns }),
  });
  if (start.status !== 202) throw new Error(`start failed: ${start.status} ${await start.text()}`);
  let done: { status: string; counts: Record<string, number>; progress: { processed: number } };
  let lastLog = 0;
  for (;;) {
    done = (await (await fetch(`${stack.baseURL}/api/crm/imports/${analysed.id}`, { headers: { cookie } })).json()) as typeof done;
    if (!['queued', 'running'].includes(done.status)) break;
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      console.log(`  … ${done.progress.processed.toLocaleString('en')} rows after ${Math.round((performance.now() - t) / 1000)} s`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const importMs = performance.now() - t;
  clearInterval(sampler);
  if (done.status !== 'completed') throw new Error(`import ${done.status}`);

  // The same rows, bare: parsed, mapped, insertMany by 1,000 into a collection with the contacts' indexes.
  const db = client.db();
  const bare = db.collection('bench_bare_contacts');
  for (const index of await db.collection('contacts').indexes()) {
    if (index.name === '_id_') continue;
    await bare.createIndex(index.key, { ...(index.unique ? { unique: true } : {}), ...(index.sparse ? { sparse: true } : {}) });
  }
  const docs: Record<string, unknown>[] = [];
  for await (const r of fs.createReadStream(file).pipe(parse({ delimiter: ';', from_line: 2 })) as AsyncIterable<string[]>) {
    const [firstName, lastName, email, phone, companyName, jobTitle, postalCode, city, country, status, source] = r;
    docs.push({ firstName, lastName, email, phone, companyName, jobTitle, postalCode, city, country, status, source, tags: [], deletedAt: null });
  }
  t = performance.now();
  for (let i = 0; i < docs.length; i += 1000) await bare.insertMany(docs.slice(i, i + 1000), { ordered: false });
  const bareMs = performance.now() - t;
  await bare.drop();

  const importRate = rate(ROWS, importMs);
  const bareRate = rate(ROWS, bareMs);
  console.log('');
  console.log(`Upload + analysis:                    ${(uploadMs / 1000).toFixed(1)} s`);
  console.log(
    `Import job (${done.counts.imported!.toLocaleString('en')} imported, ${done.counts.duplicates} duplicates, ${done.counts.errors} errors): ${(importMs / 1000).toFixed(1)} s, ${importRate.toLocaleString('en')} rows/s`,
  );
  console.log(`Bare insertMany of the same rows:     ${(bareMs / 1000).toFixed(1)} s, ${bareRate.toLocaleString('en')} rows/s`);
  console.log(`Ratio bare / import:                  ${(bareRate / importRate).toFixed(1)}×`);
  console.log(`API process RSS: ${MB(rssBefore)} before, peak ${MB(peak)} during upload + import (+${MB(peak - rssBefore)})`);
} finally {
  await client.close();
  await stack.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
