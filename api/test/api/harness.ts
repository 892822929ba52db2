/**
 * Test harness: the real app on a real port, on its own database of the test FerretDB, with a few
 * members of every role. Clients speak HTTP with a cookie jar and the CSRF token, like a browser.
 * Nothing is shared with the other test files (database — role permissions included —, port,
 * folders), so that files run in parallel workers (vitest.config.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Express } from 'express';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import { createApp } from '../../src/app.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { seedRolePermissions } from '../../src/authz/role-permission.model.js';
import { loadConfig, type Config } from '../../src/config.js';
import { connectDatabase, disconnectDatabase } from '../../src/db/connection.js';
import { User } from '../../src/team/user.model.js';
import type { Role } from '../../src/contracts/index.js';
import { withDatabase } from '../../../scripts/lib/ferretdb.js';

export const PASSWORD = 'Motdepasse-test-1';

export interface Member {
  id: string;
  email: string;
  role: Role;
}

export const MEMBER_SPECS = {
  admin: { role: 'admin', team: 'Direction' },
  sales: { role: 'sales', team: 'Vente A' },
  colleague: { role: 'sales', team: 'Vente B' },
  marketing: { role: 'marketing', team: 'Marketing' },
  account_manager: { role: 'account_manager', team: 'AM' },
} as const;
export type MemberKey = keyof typeof MEMBER_SPECS;

export class Client {
  cookies = new Map<string, string>();
  csrf?: string;
  constructor(public base: string) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + url, {
      method,
      redirect: 'manual',
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv!.indexOf('=');
      this.cookies.set(kv!.slice(0, i), kv!.slice(i + 1));
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, headers: res.headers, body: json as any, text };
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  async init() {
    const res = await this.get('/api/auth/config');
    this.csrf = res.body.csrfToken;
    return res;
  }

  async login(email: string, password = PASSWORD) {
    if (!this.csrf) await this.init();
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }
}

export interface TestApp {
  url: string;
  /** The Express application itself (its router stack: the route permission snapshot). */
  express: Express;
  config: Config;
  members: Record<MemberKey, Member>;
  client(): Client;
  as(key: MemberKey): Promise<Client>;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dbName = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const remotesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-remotes-'));
  // Its own folder of uploaded CSV files too (the default one is shared): files run in parallel.
  const importsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-imports-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: withDatabase(inject('mongoUri'), dbName),
    PORT: '0',
    DEMO_MODE: 'false',
    REMOTES_DIR: remotesDir,
    SHELL_DIR: path.join(remotesDir, 'no-shell'),
    IMPORTS_DIR: importsDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  await connectDatabase(config.MONGODB_URI);
  await seedRolePermissions();
  const hash = await hashPassword(PASSWORD);
  const members = {} as Record<MemberKey, Member>;
  for (const [key, spec] of Object.entries(MEMBER_SPECS) as [MemberKey, (typeof MEMBER_SPECS)[MemberKey]][]) {
    const email = `${key}@digiflow-agency.fr`;
    const u = await User.create({
      firstName: key,
      lastName: 'Test',
      email,
      role: spec.role,
      team: spec.team,
      company: 'digiflow',
      passwordHash: hash,
    });
    members[key] = { id: String(u._id), email, role: spec.role };
  }
  const app = await createApp(config);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    express: app,
    config,
    members,
    client: () => new Client(url),
    async as(key) {
      const c = new Client(url);
      const res = await c.login(members[key].email);
      if (res.status !== 200) throw new Error(`login of ${key} failed: ${res.status} ${res.text}`);
      return c;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await mongoose.connection.db?.dropDatabase();
      await disconnectDatabase();
      fs.rmSync(remotesDir, { recursive: true, force: true });
      fs.rmSync(importsDir, { recursive: true, force: true });
    },
  };
}
