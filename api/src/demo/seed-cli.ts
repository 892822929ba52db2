import { loadConfig } from '../config.js';
import { connectDatabase, disconnectDatabase } from '../db/connection.js';
import { seedDemoData } from './seed.js';

const config = loadConfig();
await connectDatabase(config.MONGODB_URI);
const res = await seedDemoData();
console.log(`Demo data reset: ${res.users} members, ${res.contacts} contacts.`);
await disconnectDatabase();
