/**
 * The shared file store over real HTTP against FerretDB (GridFS): uploads checked on their content,
 * limits that leave nothing stored, exact downloads, and access decided by the owner record's scope.
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import mongoose from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Contact } from '../../src/crm/contacts/index.js';
import { storeFile } from '../../src/files/index.js';
import { closePdfBrowser, renderPdf, testPageTemplate } from '../../src/pdf/index.js';
import { makeContact } from '../factories.js';
import { startTestApp, type Client, type MemberKey, type TestApp } from './harness.js';

let app: TestApp;
type Owner = 'own' | 'colleague' | 'unassigned';
const contacts: Record<Owner, string> = { own: '', colleague: '', unassigned: '' };

/** A real 2×2 PNG (signature, IHDR, IDAT, IEND with their CRCs). */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 0, 0, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const db = () => mongoose.connection.db!;
const storedCounts = async () => ({
  files: await db().collection('files.files').countDocuments(),
  chunks: await db().collection('files.chunks').countDocuments(),
});

async function upload(
  c: Client,
  owner: string,
  bytes: Buffer,
  name: string,
  opts: { kind?: string; type?: string } = {},
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: opts.type ?? 'image/png' }), name);
  const res = await fetch(`${c.base}/api/files?owner=${owner}&kind=${opts.kind ?? 'attachment'}`, {
    method: 'POST',
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf! },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function download(c: Client, id: string) {
  const res = await fetch(`${c.base}/api/files/${id}`, {
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await closePdfBrowser();
  await app.close();
});
beforeEach(async () => {
  await Contact.deleteMany({});
  await db().collection('files.files').deleteMany({});
  await db().collection('files.chunks').deleteMany({});
  const assignees: Record<Owner, string | null> = {
    own: app.members.sales.id,
    colleague: app.members.colleague.id,
    unassigned: null,
  };
  for (const owner of Object.keys(contacts) as Owner[]) {
    const c = await makeContact({
      firstName: 'Fiche',
      lastName: owner,
      status: 'prospect',
      assignedTo: assignees[owner],
      deletedAt: null,
    });
    contacts[owner] = String(c._id);
  }
});

describe('upload and download', () => {
  it('stores a PNG and a rendered PDF, and gives back the exact bytes with safe headers', async () => {
    const sales = await app.as('sales');
    const image = png();
    const up = await upload(sales, `Contact:${contacts.own}`, image, 'photo été.png');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      name: 'photo été.png',
      kind: 'attachment',
      contentType: 'image/png',
      size: image.length,
      owner: { subject: 'Contact', id: contacts.own },
      uploadedBy: app.members.sales.id,
    });
    const { createHash } = await import('node:crypto');
    expect(up.body.sha256).toBe(createHash('sha256').update(image).digest('hex'));

    const down = await download(sales, up.body.id);
    expect(down.status).toBe(200);
    expect(down.bytes.equals(image)).toBe(true);
    expect(down.headers.get('content-type')).toBe('image/png');
    expect(down.headers.get('content-length')).toBe(String(image.length));
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
    expect(down.headers.get('content-disposition')).toBe(
      `attachment; filename="photo _t_.png"; filename*=UTF-8''photo%20%C3%A9t%C3%A9.png`,
    );

    // A PDF from the renderer, declared as something else: the content decides.
    const pdf = await renderPdf({
      template: testPageTemplate,
      title: 'Devis',
      data: { heading: 'Devis', sections: [], footer: '' },
    });
    const upPdf = await upload(sales, `Contact:${contacts.own}`, pdf, '../../etc/devis\u202e.pdf', {
      type: 'text/plain',
    });
    expect(upPdf.status).toBe(201);
    expect(upPdf.body).toMatchObject({ name: 'devis.pdf', contentType: 'application/pdf', size: pdf.length });
    const downPdf = await download(sales, upPdf.body.id);
    expect(downPdf.bytes.equals(pdf)).toBe(true);
    expect(downPdf.headers.get('content-type')).toBe('application/pdf');

    const list = await sales.get(`/api/files?owner=Contact:${contacts.own}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((f: { id: string }) => f.id).sort()).toEqual([up.body.id, upPdf.body.id].sort());
    expect(await storedCounts()).toEqual({ files: 2, chunks: 2 });
  });

  it('refuses a ".png" that is really HTML or an executable, whatever its name and declared type', async () => {
    const sales = await app.as('sales');
    const html = await upload(
      sales,
      `Contact:${contacts.own}`,
      Buffer.from('<!DOCTYPE html><script>alert(1)</script>'),
      'photo.png',
    );
    expect(html.status).toBe(415);
    expect(html.body.detail).toBe(
      'Fichier refusé : « Pièce jointe » attend un PDF, une image, un document Office ou OpenDocument, ou un fichier texte, or son contenu est une page HTML (quel que soit son nom).',
    );
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
    exe.writeUInt32LE(64, 0x3c);
    const refused = await upload(sales, `Contact:${contacts.own}`, exe, 'avatar.png', { kind: 'avatar' });
    expect(refused.status).toBe(415);
    expect(refused.body.detail).toMatch(
      /^Fichier refusé : « Photo » attend une image PNG, JPEG, WebP ou GIF, or son contenu/,
    );
    // A PDF is an attachment, not an avatar.
    const pdfAsAvatar = await upload(
      sales,
      `Contact:${contacts.own}`,
      Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
      'a.png',
      { kind: 'avatar' },
    );
    expect(pdfAsAvatar.status).toBe(415);
    expect(await storedCounts()).toEqual({ files: 0, chunks: 0 });
  });

  it('refuses a file over the limit, declared or found mid-stream, and keeps nothing of it', async () => {
    const sales = await app.as('sales');
    const big = Buffer.concat([png(), Buffer.alloc(3 * 1024 * 1024, 7)]); // 3 Mo > 2 Mo for an avatar
    const declared = await upload(sales, `Contact:${contacts.own}`, big, 'grande.png', { kind: 'avatar' });
    expect(declared.status).toBe(413);
    expect(declared.body.detail).toBe('Le fichier dépasse 2 Mo, la taille maximale pour « Photo ».');

    // Chunked, without Content-Length: the limit is found while the file is being written to GridFS.
    const boundary = 'limite-de-test';
    const parts = [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="flux.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      ...Array.from({ length: 48 }, (_, i) => big.subarray(i * 65536, (i + 1) * 65536)),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ];
    const res = await fetch(`${sales.base}/api/files?owner=Contact:${contacts.own}&kind=avatar`, {
      method: 'POST',
      headers: {
        cookie: [...sales.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': sales.csrf!,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body: Readable.toWeb(Readable.from(parts)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { detail: string }).detail).toBe(
      'Le fichier dépasse 2 Mo, la taille maximale pour « Photo ».',
    );
    expect(await storedCounts()).toEqual({ files: 0, chunks: 0 });

    // Just under the limit is stored whole (several GridFS chunks).
    const fits = Buffer.concat([png(), Buffer.alloc(2 * 1024 * 1024 - png().length, 7)]);
    const ok = await upload(sales, `Contact:${contacts.own}`, fits, 'juste.png', { kind: 'avatar' });
    expect(ok.status).toBe(201);
    expect(ok.body.size).toBe(2 * 1024 * 1024);
    expect((await download(sales, ok.body.id)).bytes.equals(fits)).toBe(true);
  });

  it('stores a generated PDF from the server, which nobody may upload as such', async () => {
    const pdf = await renderPdf({
      template: testPageTemplate,
      title: 'Facture',
      data: { heading: 'Facture', sections: [], footer: '' },
    });
    const file = await storeFile(pdf, {
      owner: { subject: 'Contact', id: contacts.own },
      kind: 'generated_pdf',
      name: 'facture-0001.pdf',
    });
    expect(file).toMatchObject({
      kind: 'generated_pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      uploadedBy: null,
    });
    const sales = await app.as('sales');
    expect((await download(sales, file.id)).bytes.equals(pdf)).toBe(true);
    await expect(
      storeFile(Readable.from([Buffer.from('pas un PDF')]), {
        owner: { subject: 'Contact', id: contacts.own },
        kind: 'generated_pdf',
        name: 'x.pdf',
      }),
    ).rejects.toMatchObject({ status: 415 });
    const refused = await upload(sales, `Contact:${contacts.own}`, pdf, 'y.pdf', { kind: 'generated_pdf' });
    expect(refused.status).toBe(422);
    expect(await storedCounts()).toEqual({ files: 1, chunks: 1 });
  });

  it('validates the query strictly, in French', async () => {
    const sales = await app.as('sales');
    const unknown = await sales.get(`/api/files?owner=Contact:${contacts.own}&extra=1`);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: '', message: 'Champ(s) non autorisé(s) : extra.' }]);
    const badOwner = await sales.get('/api/files?owner=User:123');
    expect(badOwner.status).toBe(422);
    expect(badOwner.body.errors[0].message).toMatch(/^Propriétaire invalide/);
    const badKind = await upload(sales, `Contact:${contacts.own}`, png(), 'a.png', { kind: 'virus' });
    expect(badKind.status).toBe(422);
    expect((await sales.get('/api/files/pas-un-id')).status).toBe(404);
    const noCsrf = await fetch(`${sales.base}/api/files/${contacts.own}`, {
      method: 'DELETE',
      headers: { cookie: [...sales.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(noCsrf.status).toBe(403);
  });
});

/**
 * Who may do what with a file of a contact, from the sales role's scope (read: own or unassigned;
 * update: own) — upload and delete need the update right, list and download the read right.
 */
// prettier-ignore
const TABLE: [MemberKey, Owner, { list: number; download: number; upload: number; delete: number }][] = [
  //  caller            contact        list       download       upload       delete
  ['sales',           'own',        { list: 200, download: 200, upload: 201, delete: 204 }],
  ['sales',           'colleague',  { list: 404, download: 404, upload: 404, delete: 404 }],
  ['sales',           'unassigned', { list: 200, download: 200, upload: 404, delete: 404 }],
  ['colleague',       'colleague',  { list: 200, download: 200, upload: 201, delete: 204 }],
  ['colleague',       'own',        { list: 404, download: 404, upload: 404, delete: 404 }],
  ['admin',           'colleague',  { list: 200, download: 200, upload: 201, delete: 204 }],
  ['admin',           'unassigned', { list: 200, download: 200, upload: 201, delete: 204 }],
  ['marketing',       'own',        { list: 403, download: 403, upload: 403, delete: 403 }],
  ['account_manager', 'unassigned', { list: 403, download: 403, upload: 403, delete: 403 }],
];

describe('access follows the owner record', () => {
  it.each(TABLE)('%s on a file of the %s contact', async (caller, owner, expected) => {
    const admin = await app.as('admin');
    const seeded = await upload(admin, `Contact:${contacts[owner]}`, png(), 'existant.png');
    expect(seeded.status).toBe(201);
    const client = await app.as(caller);

    const list = await client.get(`/api/files?owner=Contact:${contacts[owner]}`);
    const down = await download(client, seeded.body.id);
    const up = await upload(client, `Contact:${contacts[owner]}`, png(), 'nouveau.png');
    const del = await client.delete(`/api/files/${seeded.body.id}`);
    expect({ list: list.status, download: down.status, upload: up.status, delete: del.status }).toEqual(expected);

    if (expected.download === 200) expect(down.bytes.equals(png())).toBe(true);
    if (expected.download === 404) expect(down.bytes.toString()).not.toContain('PNG');
    // What was refused left the store as it was.
    const files = await db().collection('files.files').countDocuments();
    expect(files).toBe(1 + (expected.upload === 201 ? 1 : 0) - (expected.delete === 204 ? 1 : 0));
  });
});
