/**
 * A second API process for the resume test: runs one import job, as Agenda would, until the test
 * kills it. `node --import tsx test/api/import-worker.ts <importId>` with MONGODB_URI set.
 */
import { loadConfig } from '../../src/config.js';
import { connectDatabase, disconnectDatabase } from '../../src/db/connection.js';
import { defineImportJobs, runImport } from '../../src/imports/index.js';

const config = loadConfig();
await connectDatabase(config.MONGODB_URI);
defineImportJobs(config);
await runImport(process.argv[2]!);
await disconnectDatabase();
