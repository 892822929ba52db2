/**
 * The whole portal, isolated in a temporary folder: FerretDB, the demo data, every built remote
 * published into a fresh store, and the API serving the shell. Used by the browser tests and the
 * benchmarks (npm start runs the same pieces on data/).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startFerretDB, withDatabase } from './ferretdb.js';

export interface Stack {
  baseURL: string;
  mongodbUri: string;
  remotesDir: string;
  close(): Promise<void>;
}

export async function startStack(opts: { env?: Record<string, string>; seed?: boolean; port?: number } = {}): Promise<Stack> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-stack-'));
  const db = await startFerretDB({ dataDir: path.join(tmp, 'db') });
  const port = opts.port ?? (await freePort());
  const baseURL = `http://127.0.0.1:${port}`;
  const remotesDir = path.join(tmp, 'remotes');
  const mongodbUri = withDatabase(db.uri, 'digiweb');
  Object.assign(process.env, {
    MONGODB_URI: mongodbUri,
    DEMO_MODE: 'true',
    PORT: String(port),
    REMOTES_DIR: remotesDir,
    PUBLIC_URL: baseURL,
    LOG_LEVEL: 'warn',
    ...opts.env,
  });
  const { connectDatabase } = await import('../../api/src/db/connection.js');
  const { seedDemoData } = await import('../../api/src/demo/seed.js');
  const { publishAllIfNeeded } = await import('./remotes.js');
  const { startServer } = await import('../../api/src/server.js');
  await connectDatabase(mongodbUri);
  if (opts.seed !== false) await seedDemoData();
  await publishAllIfNeeded(remotesDir);
  const server = await startServer();
  return {
    baseURL,
    mongodbUri,
    remotesDir,
    async close() {
      await server.close();
      await db.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
