/** Mail rendering and configuration without a server: escaping, the compile cache, DKIM settings. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { escapeHtml } from '../../src/mail/escape.js';
import { compiledHtml, fill, renderMail } from '../../src/mail/render.js';
import { senders } from '../../src/mail/transport.js';

const base = { MONGODB_URI: 'mongodb://127.0.0.1:1/x' };
const pem = crypto.generateKeyPairSync('rsa', {
  modulusLength: 1024,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

describe('mail rendering', () => {
  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('fills placeholders once, escaped, line breaks kept; an unknown placeholder is an error', () => {
    expect(fill('<p>{{a}} / {{b}}</p>', { a: '{{b}} <i>', b: 'un\ndeux' })).toBe(
      '<p>{{b}} &lt;i&gt; / un<br />deux</p>',
    );
    expect(() => fill('{{missing}}', {})).toThrow(/missing/);
  });

  it('compiles each template once per company and caches the HTML', async () => {
    const first = compiledHtml('contact_message', 'digiflow');
    expect(compiledHtml('contact_message', 'digiflow')).toBe(first);
    const behype = compiledHtml('contact_message', 'behype');
    expect(behype).not.toBe(first);
    expect(await first).toContain('{{body}}');
    expect(await first).toContain('Digiflow Agency');
    expect(await behype).toContain('Be Hype');
  });

  it('renders subject, HTML and text from the same data', async () => {
    const r = await renderMail('contact_message', { subject: 'Été', body: 'A & B', senderName: 'Zoé' }, 'behype');
    expect(r.subject).toBe('Été');
    expect(r.html).toContain('A &amp; B');
    expect(r.html).toMatch(/^<!doctype html>/i);
    expect(r.text).toBe('A & B\n\nZoé\n\n--\nBe Hype — https://be-hype.com\nE-mail envoyé par DigiWeb ERP.\n');
  });
});

describe('mail configuration', () => {
  it('signs for the domain of each From address unless DKIM_DOMAIN is set', () => {
    const s = senders(loadConfig({ ...base, DKIM_SELECTOR: 'sel', DKIM_PRIVATE_KEY: pem }));
    expect(s.digiflow).toMatchObject({
      from: '"Digiflow Agency" <no-reply@digiflow-agency.fr>',
      dkim: { domainName: 'digiflow-agency.fr', keySelector: 'sel' },
    });
    expect(s.behype.dkim).toMatchObject({ domainName: 'be-hype.com', privateKey: pem.trim() });
    const forced = senders(
      loadConfig({ ...base, DKIM_SELECTOR: 'sel', DKIM_PRIVATE_KEY: pem, DKIM_DOMAIN: 'mail.exemple.fr' }),
    );
    expect(forced.behype.dkim?.domainName).toBe('mail.exemple.fr');
    expect(senders(loadConfig(base)).behype.dkim).toBeUndefined();
  });

  it('reads the key from DKIM_PRIVATE_KEY (with \\n escapes) or DKIM_PRIVATE_KEY_FILE', () => {
    expect(
      loadConfig({ ...base, DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY: pem.replace(/\n/g, '\\n') }).dkimPrivateKey,
    ).toBe(pem.trim());
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dkim-')), 'key.pem');
    fs.writeFileSync(file, pem);
    expect(loadConfig({ ...base, DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY_FILE: file }).dkimPrivateKey).toBe(pem.trim());
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('refuses incomplete or malformed DKIM settings and From addresses', () => {
    expect(() => loadConfig({ ...base, DKIM_SELECTOR: 's' })).toThrow(/DKIM_SELECTOR and a private key/);
    expect(() => loadConfig({ ...base, DKIM_PRIVATE_KEY: pem })).toThrow(/DKIM_SELECTOR and a private key/);
    expect(() => loadConfig({ ...base, DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY: 'abc' })).toThrow(/PEM/);
    expect(() => loadConfig({ ...base, DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY_FILE: '/nonexistent/key.pem' })).toThrow(
      /DKIM_PRIVATE_KEY_FILE/,
    );
    expect(() => senders(loadConfig({ ...base, MAIL_FROM_BEHYPE: 'pas une adresse' }))).toThrow(/MAIL_FROM_BEHYPE/);
  });
});
