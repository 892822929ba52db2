/**
 * The shell's static files are served without touching the session store: a chunk must load even
 * when the session (or the database behind it) fails for a moment, and never answer through the
 * API's error handler (500 application/problem+json, the blank page of issue 14).
 */
import MongoStore from 'connect-mongo';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
const shellDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digiweb-shell-'));
beforeAll(async () => {
  fs.mkdirSync(path.join(shellDir, 'static/js/async'), { recursive: true });
  fs.writeFileSync(path.join(shellDir, 'index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(shellDir, 'static/js/async/chunk.1234.js'), 'console.log("chunk");');
  app = await startTestApp({ SHELL_DIR: shellDir });
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await app.close();
  fs.rmSync(shellDir, { recursive: true, force: true });
});

describe('shell static files', () => {
  it('serves a chunk to a signed-in member without reading his session', async () => {
    const member = await app.as('admin');
    const get = vi.spyOn(MongoStore.prototype, 'get').mockImplementation((_sid, callback) => {
      callback(new Error('session store unavailable'));
    });
    const touch = vi.spyOn(MongoStore.prototype, 'touch');
    const chunks = await Promise.all(Array.from({ length: 8 }, () => member.get('/static/js/async/chunk.1234.js')));
    for (const res of chunks) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(res.text).toBe('console.log("chunk");');
      expect(res.headers.get('cache-control')).toContain('immutable');
    }
    const page = await member.get('/crm/contacts');
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="root"');
    expect(get).not.toHaveBeenCalled();
    expect(touch).not.toHaveBeenCalled();
  });

  it('answers a missing chunk with a plain 404, not the page nor a problem document', async () => {
    const res = await app.client().get('/static/js/async/missing.5678.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).not.toContain('id="root"');
  });

  it('still serves the API through the session', async () => {
    const member = await app.as('admin');
    const res = await member.get('/api/crm/activities');
    expect(res.status).toBe(200);
  });
});
