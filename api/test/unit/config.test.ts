import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEV_SECRETS_KEY, loadConfig } from '../../src/config.js';
import { freePort } from '../../../scripts/lib/ferretdb.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MONGODB_URI = 'mongodb://127.0.0.1:27017/digiweb';
const STRONG_SECRET = 'a-proper-random-session-secret-of-48-characters!';

const SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');
const production = (env: Record<string, string> = {}) =>
  loadConfig({ NODE_ENV: 'production', MONGODB_URI, SESSION_SECRET: STRONG_SECRET, SECRETS_KEY, ...env });

describe('loadConfig in production', () => {
  it('accepts a long, non-default session secret with demo mode off', () => {
    const config = production();
    expect(config.production).toBe(true);
    expect(config.DEMO_MODE).toBe(false);
    expect(config.sessionSecret).toBe(STRONG_SECRET);
  });

  it('refuses demo mode (password-less logins, account e-mails listed)', () => {
    expect(() => production({ DEMO_MODE: 'true' })).toThrow(
      'Configuration refusée : DEMO_MODE est interdit en production (connexion sans mot de passe, e-mails des comptes publiés). Retirez DEMO_MODE ou mettez-le à false.',
    );
    expect(() => production({ DEMO_MODE: '1' })).toThrow(/DEMO_MODE est interdit en production/);
    expect(() => production({ DEMO_MODE: 'false' })).not.toThrow();
  });

  it('refuses a missing, short or known default session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MONGODB_URI })).toThrow(
      'Configuration refusée : SESSION_SECRET est obligatoire en production (au moins 32 caractères aléatoires).',
    );
    expect(() => production({ SESSION_SECRET: 'x'.repeat(31) })).toThrow(
      'Configuration refusée : SESSION_SECRET doit comporter au moins 32 caractères en production.',
    );
    expect(() => production({ SESSION_SECRET: 'digiweb-dev-only-session-secret' })).toThrow(
      /SESSION_SECRET est la valeur de développement/,
    );
    expect(() => production({ SESSION_SECRET: 'digiweb-dev-only-session-secret-padded-to-40' })).not.toThrow();
    expect(() => production({ SESSION_SECRET: 'x'.repeat(32) })).not.toThrow();
  });

  it('refuses production without its own key for the connectors secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MONGODB_URI, SESSION_SECRET: STRONG_SECRET })).toThrow(
      'Configuration refusée : SECRETS_KEY est obligatoire en production : il chiffre les secrets des intégrations (32 octets aléatoires en base64, openssl rand -base64 32).',
    );
    expect(() => production({ SECRETS_KEY: DEV_SECRETS_KEY })).toThrow(/SECRETS_KEY est la clé de développement/);
    expect(() => production({ SECRETS_KEY: 'dHJvcC1jb3VydGU=' })).toThrow(/SECRETS_KEY : 32 octets encodés en base64/);
    expect(production().secretsKey).toBe(SECRETS_KEY);
    expect(loadConfig({ MONGODB_URI }).secretsKey).toBe(DEV_SECRETS_KEY);
  });

  it('lists every problem at once', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MONGODB_URI, DEMO_MODE: 'true' })).toThrow(
      /DEMO_MODE est interdit en production.*\n.*SESSION_SECRET est obligatoire/s,
    );
  });

  it('keeps the development defaults outside production', () => {
    const config = loadConfig({ NODE_ENV: 'development', MONGODB_URI, DEMO_MODE: 'true' });
    expect(config.DEMO_MODE).toBe(true);
    expect(config.sessionSecret).toBe('digiweb-dev-only-session-secret');
  });
});

describe('session lifetime setting', () => {
  it('defaults to 12 hours, accepts a number of hours, refuses nonsense in French', () => {
    expect(loadConfig({ MONGODB_URI }).SESSION_ABSOLUTE_HOURS).toBe(12);
    expect(loadConfig({ MONGODB_URI, SESSION_ABSOLUTE_HOURS: '8' }).SESSION_ABSOLUTE_HOURS).toBe(8);
    expect(() => loadConfig({ MONGODB_URI, SESSION_ABSOLUTE_HOURS: '0' })).toThrow(/SESSION_ABSOLUTE_HOURS/);
    expect(() => loadConfig({ MONGODB_URI, SESSION_ABSOLUTE_HOURS: 'douze' })).toThrow(/SESSION_ABSOLUTE_HOURS/);
  });
});

describe('server entry point', () => {
  it('refuses to start in production with demo mode: French message, no stack trace, non-zero exit', async () => {
    // Nothing listens there: the server must stop before it tries to connect.
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DEMO_MODE: 'true',
        SESSION_SECRET: STRONG_SECRET,
        SECRETS_KEY,
        MONGODB_URI: `mongodb://127.0.0.1:${port}/digiweb`,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).not.toBe(0);
    expect(output).toContain('DEMO_MODE est interdit en production');
    // No stack trace, printed or inside a JSON log line.
    expect(output).not.toMatch(/(\n|\\n)\s+at /);
    expect(output).not.toContain('DigiWeb API listening');
  }, 30_000);
});
