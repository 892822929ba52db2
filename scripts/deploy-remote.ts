/**
 * Independent deployment of one remote: `npm run deploy -w mfe-crm` builds that remote alone with a
 * new version, stores it beside the earlier ones and switches the registry to it; the running portal
 * serves it on the next page load. `npm run rollback -w mfe-crm` switches back to the previous one.
 *
 * Database: MONGODB_URI, else the running `npm start` (data/runtime.json). Store: REMOTES_DIR, else
 * the running portal's, else data/remotes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, ROOT, RUNTIME_FILE } from './lib/paths.js';
import { buildRemote, publishRemote, REMOTE_NAMES, type RemoteName } from './lib/remotes.js';

const args = process.argv.slice(2);
const name = args[0] as RemoteName;
if (!REMOTE_NAMES.includes(name)) {
  console.error(`usage: deploy-remote.ts <${REMOTE_NAMES.join('|')}> [--version X] [--rollback]`);
  process.exit(2);
}
const runtime = fs.existsSync(RUNTIME_FILE)
  ? (JSON.parse(fs.readFileSync(RUNTIME_FILE, 'utf8')) as { mongodbUri: string; remotesDir: string })
  : undefined;
const mongodbUri = process.env.MONGODB_URI ?? runtime?.mongodbUri;
if (!mongodbUri) {
  console.error('No database: set MONGODB_URI or start the portal with `npm start` first.');
  process.exit(1);
}
const storeDir = process.env.REMOTES_DIR ?? runtime?.remotesDir ?? path.join(DATA_DIR, 'remotes');

const { connectDatabase, disconnectDatabase } = await import('../api/src/db/connection.js');
const { rollback } = await import('../api/src/remotes/registry.js');
const { audit } = await import('../api/src/audit/audit.js');
await connectDatabase(mongodbUri);
try {
  if (args.includes('--rollback')) {
    const version = await rollback(name);
    await audit(null, 'remote.rollback', { subject: 'Remote', subjectId: name, details: { version } });
    console.log(`${name} rolled back to ${version}.`);
  } else {
    const vIdx = args.indexOf('--version');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, name, 'package.json'), 'utf8')) as { version: string };
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const version = vIdx >= 0 ? args[vIdx + 1]! : `${pkg.version}-${stamp}`;
    buildRemote(name, version);
    await publishRemote(name, storeDir, 'deploy');
    await audit(null, 'remote.deploy', { subject: 'Remote', subjectId: name, details: { version } });
    console.log(`${name} ${version} deployed; live on the next page load.`);
  }
} finally {
  await disconnectDatabase();
}
