/** `npm run seed`: resets the demo data set, in the running portal's database or the embedded one. */
import fs from 'node:fs';
import path from 'node:path';
import { startFerretDB, withDatabase, type RunningFerretDB } from './lib/ferretdb.js';
import { DATA_DIR, RUNTIME_FILE } from './lib/paths.js';

let db: RunningFerretDB | undefined;
if (!process.env.MONGODB_URI && fs.existsSync(RUNTIME_FILE)) {
  process.env.MONGODB_URI = (JSON.parse(fs.readFileSync(RUNTIME_FILE, 'utf8')) as { mongodbUri: string }).mongodbUri;
}
if (!process.env.MONGODB_URI) {
  db = await startFerretDB({ dataDir: path.join(DATA_DIR, 'ferretdb') });
  process.env.MONGODB_URI = withDatabase(db.uri, 'digiweb');
}
const { connectDatabase, disconnectDatabase } = await import('../api/src/db/connection.js');
const { seedDemoData } = await import('../api/src/demo/seed.js');
await connectDatabase(process.env.MONGODB_URI);
const res = await seedDemoData();
console.log(`Demo data reset: ${res.users} members, ${res.contacts} contacts.`);
await disconnectDatabase();
await db?.stop();
