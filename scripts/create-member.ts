/**
 * Creates a member (the first administrator of a production install, typically):
 *   MONGODB_URI=… MEMBER_PASSWORD=… npm run create-member -- --email a@digiflow-agency.fr \
 *     --first Camille --last Laurent --role admin --company digiflow [--team Direction]
 * Without MEMBER_PASSWORD a random password is generated and printed once. Members who sign in with
 * Google only need no password.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { COMPANIES, ROLES, emailField } from '../api/src/contracts/index.js';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    first: { type: 'string' },
    last: { type: 'string' },
    role: { type: 'string' },
    company: { type: 'string' },
    team: { type: 'string' },
  },
});
const input = z
  .object({
    email: emailField,
    first: z.string().min(1),
    last: z.string().min(1),
    role: z.enum(ROLES),
    company: z.enum(COMPANIES),
    team: z.string().optional(),
  })
  .parse(values);
if (!process.env.MONGODB_URI) {
  console.error('Set MONGODB_URI to the database of the portal.');
  process.exit(2);
}
const { connectDatabase, disconnectDatabase } = await import('../api/src/db/connection.js');
const { seedRolePermissions } = await import('../api/src/authz/role-permission.model.js');
const { hashPassword } = await import('../api/src/auth/passwords.js');
const { User } = await import('../api/src/team/user.model.js');
await connectDatabase(process.env.MONGODB_URI);
await seedRolePermissions();
const password = process.env.MEMBER_PASSWORD ?? randomBytes(12).toString('base64url');
await User.create({
  email: input.email,
  firstName: input.first,
  lastName: input.last,
  role: input.role,
  company: input.company,
  team: input.team,
  startDate: new Date(),
  passwordHash: await hashPassword(password),
});
console.log(`Member ${input.email} (${input.role}) created.${process.env.MEMBER_PASSWORD ? '' : ` Password: ${password}`}`);
await disconnectDatabase();
