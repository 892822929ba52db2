/**
 * The mailer through real parts: a real SMTP server (smtp-server) on a local port receives the e-mails
 * over a socket, mailparser reads them and mailauth verifies their DKIM signature; demo mode, the
 * contact history, an SMTP refusal and a missing configuration.
 */
import crypto from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Activity, remindDueActivities } from '../../src/crm/activities/index.js';
import { Contact } from '../../src/crm/contacts/index.js';
import { configureMailer, MailError, sendMail } from '../../src/mail/index.js';
import { OutboxMessage } from '../../src/outbox/outbox.js';
import { makeActivity, makeContact } from '../factories.js';
import { startTestApp, type TestApp } from './harness.js';

interface Received {
  from: string;
  to: string[];
  user?: string;
  raw: Buffer;
}

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'der' },
});
/** The DNS TXT record of the selector, as it is published for each company's domain. */
const dkimRecord = `v=DKIM1; k=rsa; p=${publicKey.toString('base64')}`;

let received: Received[] = [];
let connections = 0;
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  logger: false,
  onConnect(_session, cb) {
    connections++;
    cb();
  },
  onAuth(auth, _session, cb) {
    if (auth.username === 'relais' && auth.password === 'secret-relais') return cb(null, { user: auth.username });
    cb(new Error('Identifiants refusés'));
  },
  onRcptTo(address, _session, cb) {
    if (address.address.startsWith('refus@')) {
      const err = new Error('Boîte inconnue') as Error & { responseCode: number };
      err.responseCode = 550;
      return cb(err);
    }
    cb();
  },
  onData(stream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        user: session.user as string | undefined,
        raw: Buffer.concat(chunks),
      });
      cb();
    });
  },
});

let app: TestApp;
let contactId: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  app = await startTestApp({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port),
    SMTP_USER: 'relais',
    SMTP_PASSWORD: 'secret-relais',
    DKIM_SELECTOR: 'erp2026',
    // As an environment variable holds it: one line, `\n` escapes.
    DKIM_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'),
  });
});
afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});
beforeEach(async () => {
  received = [];
  connections = 0;
  await Promise.all([OutboxMessage.deleteMany({}), Contact.deleteMany({}), Activity.deleteMany({})]);
  contactId = String(
    (await makeContact({ firstName: 'Élodie', lastName: 'Caron', email: 'elodie@client.fr', status: 'lead' }))._id,
  );
});
afterEach(() => configureMailer(app.config)); // back to SMTP after a test that switched

const devis = Buffer.from('%PDF-1.4\nDevis n° 2026-042\n%%EOF\n', 'utf8');
const message = () => ({
  to: 'elodie@client.fr',
  company: 'behype' as const,
  template: 'contact_message' as const,
  data: {
    subject: 'Votre devis — réunion de l’été à Besançon',
    body: 'Bonjour Élodie,\nvoici le devis <script>alert("x")</script> & {{senderName}} <b>promis</b>.',
    senderName: 'Zoé Hébert',
  },
  attachments: [{ filename: 'devis-été.pdf', content: devis, contentType: 'application/pdf' }],
  contactId,
  createdBy: app.members.sales.id,
});

async function parseOnly(): Promise<{ mail: ParsedMail; raw: Buffer; envelope: Received }> {
  expect(received).toHaveLength(1);
  const envelope = received[0]!;
  return { mail: await simpleParser(envelope.raw), raw: envelope.raw, envelope };
}

describe('mail: sending over SMTP', () => {
  it('sends From the issuing company, signed with DKIM, HTML in its layout with escaped data, text, attachment', async () => {
    const result = await sendMail(message());
    expect(result.status).toBe('sent');
    const { mail, raw, envelope } = await parseOnly();

    expect(envelope).toMatchObject({ from: 'no-reply@be-hype.com', to: ['elodie@client.fr'], user: 'relais' });
    expect(mail.from?.value).toEqual([{ name: 'Be Hype', address: 'no-reply@be-hype.com' }]);
    expect(mail.to).toMatchObject({ value: [{ address: 'elodie@client.fr' }] });
    expect(mail.messageId).toBe(result.messageId);
    // The subject comes back with its accents, and travelled MIME-encoded (headers are ASCII).
    expect(mail.subject).toBe('Votre devis — réunion de l’été à Besançon');
    const headers = raw.toString('latin1').split(/\r\n\r\n/)[0]!;
    expect(headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect([...headers].every((ch) => ch.charCodeAt(0) < 128)).toBe(true);

    // DKIM: signed for the From domain with the selector, and the signature verifies with the public key.
    expect(headers).toMatch(/^DKIM-Signature: [^]*?d=be-hype\.com;[^]*?s=erp2026;/m);
    const lookups: string[] = [];
    const dkim = await dkimVerify(raw, {
      resolver: async (name, type) => {
        lookups.push(`${type} ${name}`);
        if (name === 'erp2026._domainkey.be-hype.com' && type === 'TXT') return [[dkimRecord]];
        throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      },
    });
    expect(lookups).toContain('TXT erp2026._domainkey.be-hype.com');
    expect(dkim.results).toHaveLength(1);
    expect(dkim.results[0]).toMatchObject({
      signingDomain: 'be-hype.com',
      selector: 'erp2026',
      status: { result: 'pass' },
    });

    // HTML: the Be Hype layout; data escaped, never markup, placeholders in data not expanded.
    const html = String(mail.html);
    expect(html).toContain('Be Hype');
    expect(html).toContain('https://be-hype.com');
    expect(html).toContain('#e11d48');
    expect(html).not.toContain('Digiflow');
    expect(html).toContain(
      'voici le devis &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {{senderName}} &lt;b&gt;promis&lt;/b&gt;.',
    );
    expect(html).toContain('Bonjour Élodie,<br />voici');
    expect(html).not.toMatch(/<script|<b>promis/);
    expect(html).toContain('Zoé Hébert');

    // Text: written from the same data, not stripped HTML.
    expect(mail.text).toBe(
      'Bonjour Élodie,\nvoici le devis <script>alert("x")</script> & {{senderName}} <b>promis</b>.\n\nZoé Hébert\n\n--\nBe Hype — https://be-hype.com\nE-mail envoyé par DigiWeb ERP.\n',
    );

    expect(mail.attachments).toHaveLength(1);
    const [att] = mail.attachments;
    expect(att!.filename).toBe('devis-été.pdf');
    expect(att!.contentType).toBe('application/pdf');
    expect(att!.content.equals(devis)).toBe(true);
  });

  it('uses the From address and DKIM domain of each company', async () => {
    await sendMail({ ...message(), company: 'digiflow', attachments: undefined });
    const { mail, raw } = await parseOnly();
    expect(mail.from?.value).toEqual([{ name: 'Digiflow Agency', address: 'no-reply@digiflow-agency.fr' }]);
    expect(String(mail.html)).toContain('Digiflow Agency');
    expect(String(mail.html)).toContain('#4f46e5');
    expect(String(mail.html)).not.toContain('Be Hype');
    expect(mail.text).toContain('Digiflow Agency — https://digiflow-agency.fr');
    const dkim = await dkimVerify(raw, {
      resolver: async (name) => {
        if (name === 'erp2026._domainkey.digiflow-agency.fr') return [[dkimRecord]];
        throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      },
    });
    expect(dkim.results[0]).toMatchObject({ signingDomain: 'digiflow-agency.fr', status: { result: 'pass' } });
  });

  it('records an e-mail sent to a contact: it shows in the contact history, not in the admin outbox', async () => {
    const result = await sendMail(message());
    const records = await OutboxMessage.find({}).lean();
    expect(records).toHaveLength(1);
    expect(String(records[0]!._id)).toBe(result.outboxId);
    expect(records[0]).toMatchObject({
      channel: 'email',
      provider: 'smtp',
      status: 'sent',
      to: ['elodie@client.fr'],
      subject: 'Votre devis — réunion de l’été à Besançon',
      meta: { kind: 'contact_message', company: 'behype', contactId, messageId: result.messageId },
    });
    expect(records[0]!.meta.attachments).toEqual([
      { filename: 'devis-été.pdf', contentType: 'application/pdf', size: devis.length },
    ]);

    const admin = await app.as('admin');
    const history = await admin.get(`/api/crm/contacts/${contactId}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        kind: 'email',
        id: result.outboxId,
        subject: 'Votre devis — réunion de l’été à Besançon',
        to: ['elodie@client.fr'],
        by: expect.objectContaining({ id: app.members.sales.id }),
      }),
    ]);
    // The admin outbox is the messages demo mode kept instead of sending: not this one.
    expect((await admin.get('/api/admin/outbox')).body.total).toBe(0);
  });

  it('an e-mail that concerns no contact is sent and not recorded', async () => {
    await sendMail({ ...message(), contactId: undefined });
    expect(received).toHaveLength(1);
    expect(await OutboxMessage.countDocuments({})).toBe(0);
  });

  it('the activity reminder goes out over SMTP in the layout of the owner’s company', async () => {
    await makeActivity({
      type: 'meeting',
      subject: 'Point <Caron> & devis',
      priority: 'medium',
      status: 'planned',
      owner: app.members.sales.id,
      searchText: 'point',
      contactName: 'Élodie Caron',
      dueAt: new Date('2026-10-14T08:30:00Z'),
      remindAt: new Date(Date.now() - 60_000),
    });
    expect(await remindDueActivities({ publicUrl: 'https://erp.digiflow-agency.fr' })).toBe(1);
    const { mail } = await parseOnly();
    expect(mail.from?.value[0]?.address).toBe('no-reply@digiflow-agency.fr');
    expect(mail.to).toMatchObject({ value: [{ address: app.members.sales.email }] });
    expect(mail.subject).toBe('Rappel : Réunion — Point <Caron> & devis');
    expect(String(mail.html)).toContain('Rappel : Réunion — Point &lt;Caron&gt; &amp; devis');
    expect(String(mail.html)).toMatch(
      /href="https:\/\/erp\.digiflow-agency\.fr\/crm\/activites\?activite=[0-9a-f]{24}"/,
    );
    expect(mail.text).toMatch(
      /^Bonjour sales,\n\nRappel : Réunion — Point <Caron> & devis\nPrévu le mercredi 14 octobre 2026 (à )?10:30 avec Élodie Caron\.\n\nVoir l’activité : https:\/\/erp\.digiflow-agency\.fr\/crm\/activites\?activite=[0-9a-f]{24}\n/,
    );
    expect(await OutboxMessage.countDocuments({})).toBe(0);
  });
});

describe('mail: demo mode, refusals, no configuration', () => {
  it('demo mode: nothing reaches the SMTP server, the outbox holds the message and the history shows it', async () => {
    configureMailer({ ...app.config, DEMO_MODE: true });
    const result = await sendMail(message());
    expect(result.status).toBe('recorded');
    expect(connections).toBe(0);
    expect(received).toHaveLength(0);

    const [record, ...others] = await OutboxMessage.find({}).lean();
    expect(others).toHaveLength(0);
    expect(record).toMatchObject({
      channel: 'email',
      provider: 'demo',
      status: 'recorded',
      to: ['elodie@client.fr'],
      subject: 'Votre devis — réunion de l’été à Besançon',
      meta: { kind: 'contact_message', company: 'behype', contactId },
    });
    expect(record!.body).toContain('Bonjour Élodie,\nvoici le devis');
    expect(record!.body).toContain('Be Hype — https://be-hype.com');
    expect(record!.meta.html).toContain('&lt;script&gt;');
    expect(record!.meta.attachments).toEqual([
      { filename: 'devis-été.pdf', contentType: 'application/pdf', size: devis.length },
    ]);

    const admin = await app.as('admin');
    const history = await admin.get(`/api/crm/contacts/${contactId}/history`);
    expect(history.body.items).toEqual([expect.objectContaining({ kind: 'email', id: result.outboxId })]);
    const outbox = await admin.get('/api/admin/outbox');
    expect(outbox.body.items).toEqual([expect.objectContaining({ id: result.outboxId, provider: 'demo' })]);
  });

  it('the SMTP server refusing the recipient: French error, nothing recorded as sent', async () => {
    const failure = sendMail({ ...message(), to: 'refus@client.fr' });
    await expect(failure).rejects.toBeInstanceOf(MailError);
    await expect(failure).rejects.toMatchObject({
      status: 502,
      message: expect.stringMatching(/^L’e-mail n’a pas pu être envoyé/),
    });
    expect(connections).toBe(1);
    expect(received).toHaveLength(0);
    expect(await OutboxMessage.countDocuments({})).toBe(0);
  });

  it('neither demo mode nor SMTP configured: French error, nothing sent nor recorded', async () => {
    configureMailer({ ...app.config, SMTP_HOST: undefined });
    await expect(sendMail(message())).rejects.toMatchObject({
      status: 503,
      message: expect.stringMatching(/^L’envoi d’e-mails n’est pas configuré/),
    });
    expect(connections).toBe(0);
    expect(await OutboxMessage.countDocuments({})).toBe(0);
  });
});
