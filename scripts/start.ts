/**
 * `npm start`: builds what is missing, starts the embedded database (unless MONGODB_URI is set),
 * seeds the demo data on first run, publishes the built remotes and serves the portal on one URL.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startFerretDB, withDatabase, type RunningFerretDB } from './lib/ferretdb.js';
import { DATA_DIR, ROOT, RUNTIME_FILE } from './lib/paths.js';

// Demo mode is the default of a developer's `npm start`, never of a production start.
process.env.DEMO_MODE ??= process.env.NODE_ENV === 'production' ? 'false' : 'true';
process.env.REMOTES_DIR ??= path.join(DATA_DIR, 'remotes');
process.env.PORT ??= '3000';
process.env.LOG_LEVEL ??= 'warn';

// A configuration production refuses (demo mode, weak secret) stops here, before any build.
const { ConfigError, loadConfig } = await import('../api/src/config.js');
try {
  loadConfig({ ...process.env, MONGODB_URI: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1/unused' });
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}

console.log('Building the portal (turbo, cached after the first run)…');
const build = spawnSync('npx', ['turbo', 'run', 'build', '--concurrency=2', '--output-logs=errors-only'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
});
if (build.status !== 0) process.exit(build.status ?? 1);

let db: RunningFerretDB | undefined;
if (!process.env.MONGODB_URI) {
  db = await startFerretDB({ dataDir: path.join(DATA_DIR, 'ferretdb') });
  process.env.MONGODB_URI = withDatabase(db.uri, 'digiweb');
  console.log(`Embedded database (FerretDB, SQLite) on ${db.uri}`);
}

const { connectDatabase } = await import('../api/src/db/connection.js');
const { User } = await import('../api/src/team/user.model.js');
const { seedDemoData } = await import('../api/src/demo/seed.js');
const { publishAllIfNeeded } = await import('./lib/remotes.js');
const { startServer } = await import('../api/src/server.js');

await connectDatabase(process.env.MONGODB_URI);
if (process.env.DEMO_MODE === 'true' && (await User.estimatedDocumentCount()) === 0) {
  const res = await seedDemoData();
  console.log(`Demo data generated: ${res.users} members, ${res.contacts} contacts.`);
}
await publishAllIfNeeded(process.env.REMOTES_DIR);

let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer(loadConfig());
} catch (err) {
  if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
  console.log(`Port ${process.env.PORT} is busy; taking a free one.`);
  server = await startServer(loadConfig({ ...process.env, PORT: '0' }));
}
fs.mkdirSync(DATA_DIR, { recursive: true });
fs.writeFileSync(RUNTIME_FILE, JSON.stringify({ url: server.url, mongodbUri: process.env.MONGODB_URI, remotesDir: process.env.REMOTES_DIR, pid: process.pid }, null, 2));

console.log('');
console.log(`  DigiWeb ERP is running${process.env.DEMO_MODE === 'true' ? ' in demo mode' : ''}: ${server.url}`);
console.log('  Press Ctrl+C to stop.');
console.log('');

const stop = async () => {
  await server.close().catch(() => undefined);
  await db?.stop();
  fs.rmSync(RUNTIME_FILE, { force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
