/**
 * After a key rotation (SECRETS_KEY new, SECRETS_KEY_PREVIOUS old): re-encrypts every connector
 * secret with the new key, so that SECRETS_KEY_PREVIOUS can be removed. `npm run secrets:reencrypt -w api`.
 */
import { loadConfig } from '../config.js';
import { connectDatabase, disconnectDatabase } from '../db/connection.js';
import { configureConnectors } from './registry.js';
import { configureSecrets } from './secrets.js';
import { reencryptAllSecrets } from './store.js';

const config = loadConfig();
configureSecrets({ current: config.secretsKey, previous: config.SECRETS_KEY_PREVIOUS });
configureConnectors(config);
await connectDatabase(config.MONGODB_URI);
const n = await reencryptAllSecrets();
console.log(`${n} secret(s) re-encrypted with the current key.`);
await disconnectDatabase();
