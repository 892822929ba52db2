import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startFerretDB } from '../../../scripts/lib/ferretdb.js';

/** One real FerretDB (SQLite) for the API tests, in a temporary folder removed afterwards. */
export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-api-test-'));
  const db = await startFerretDB({ dataDir });
  project.provide('mongoUri', db.uri);
  return async () => {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}
