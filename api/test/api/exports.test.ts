/**
 * CSV / Excel exports of contacts, companies, deals and activities: the caller's `export` scope (a
 * sales rep exports his own records only — not the unassigned contacts he may read), the list's
 * filters, files that read back (csv-parse, exceljs), formulas neutralised, audit.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { syncCompanies } from '../../src/crm/companies/index.js';
import { searchTextOf } from '../../src/crm/contacts/index.js';
import { makeContact } from '../factories.js';
import { startTestApp, type Client, type MemberKey, type TestApp } from './harness.js';

type Owner = 'own' | 'colleague' | 'unassigned';
type Caller = 'admin' | 'sales' | 'marketing' | 'account_manager';
const CALLERS: Caller[] = ['admin', 'sales', 'marketing', 'account_manager'];

let app: TestApp;
let admin: Client;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  const owners: Record<Owner, string | null> = { own: app.members.sales.id, colleague: app.members.colleague.id, unassigned: null };
  const contacts: Record<string, string> = {};
  for (const [key, assignedTo] of Object.entries(owners)) {
    const data = {
      firstName: key,
      lastName: key === 'own' ? '=HYPERLINK("http://evil.example","clic")' : 'Export',
      email: `${key}@exemple.fr`,
      phone: key === 'own' ? '+33612345678' : '+442079460958',
      companyName: `Société ${key}`,
      status: (key === 'colleague' ? 'client' : 'lead') as 'client' | 'lead',
      tags: ['Salon', '@cmd'],
      assignedTo,
    };
    const c = await makeContact({ ...data, searchText: searchTextOf(data) });
    contacts[key] = String(c._id);
  }
  await syncCompanies({});
  // A deal and an activity for each sales rep, made through the API as each of them.
  for (const [member, contact] of [
    ['sales', 'own'],
    ['colleague', 'colleague'],
  ] as const) {
    const c = await app.as(member);
    const deal = await c.post('/api/crm/deals', {
      title: `Deal ${member}`,
      contactId: contacts[contact],
      amount: 1234.5,
      expectedCloseDate: '2026-06-30',
      issuingCompany: 'digiflow',
    });
    expect(deal.status).toBe(201);
    const activity = await c.post('/api/crm/activities', {
      type: 'call',
      subject: `-Appel ${member}`,
      dueAt: '2026-05-12T08:30:00Z',
      contactId: contacts[contact],
    });
    expect(activity.status).toBe(201);
  }
});
afterAll(async () => {
  await app.close();
});

async function download(c: Client, url: string) {
  const res = await fetch(`${c.base}${url}`, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
const csvRows = (bytes: Buffer) => parseCsv(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
async function xlsxRows(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  const sheet = workbook.worksheets[0]!;
  const headers = (sheet.getRow(1).values as string[]).slice(1);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  return rows;
}

// Per subject and caller: status, and the first column of the rows the export contains.
const TABLE: Record<string, { column: string; rows: Record<Caller, number | string[]> }> = {
  contacts: { column: 'Prénom', rows: { admin: ['colleague', 'own', 'unassigned'], sales: ['own'], marketing: 403, account_manager: 403 } },
  companies: {
    column: 'Nom',
    rows: { admin: ['Société colleague', 'Société own', 'Société unassigned'], sales: ['Société own'], marketing: 403, account_manager: 403 },
  },
  deals: { column: 'Titre', rows: { admin: ['Deal colleague', 'Deal sales'], sales: ['Deal sales'], marketing: 403, account_manager: 403 } },
  activities: {
    column: 'Sujet',
    rows: { admin: ["'-Appel colleague", "'-Appel sales"], sales: ["'-Appel sales"], marketing: 403, account_manager: 403 },
  },
};

describe('exports permission and scope table', () => {
  for (const [subject, { column, rows }] of Object.entries(TABLE)) {
    for (const caller of CALLERS) {
      for (const format of ['csv', 'xlsx'] as const) {
        const expected = rows[caller];
        it(`${caller}: ${subject} ${format} → ${Array.isArray(expected) ? expected.join(', ') : expected}`, async () => {
          const c = caller === 'admin' ? admin : await app.as(caller as MemberKey);
          const res = await download(c, `/api/crm/exports/${subject}?format=${format}`);
          if (!Array.isArray(expected)) return expect(res.status).toBe(expected);
          expect(res.status).toBe(200);
          expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="?[a-z]+-\\d{4}-\\d{2}-\\d{2}\\.${format}"?$`));
          const parsed = format === 'csv' ? csvRows(res.bytes) : await xlsxRows(res.bytes);
          expect(parsed.map((r) => r[column]).sort()).toEqual(expected);
        });
      }
    }
  }
});

describe('export files', () => {
  it('contacts CSV for French Excel: BOM, ";", French labels, formulas neutralised, phone formatted', async () => {
    const res = await download(admin, '/api/crm/exports/contacts?format=csv&sort=lastName');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(res.bytes);
    const own = rows.find((r) => r.Prénom === 'own')!;
    expect(own).toMatchObject({
      Nom: '\'=HYPERLINK("http://evil.example","clic")',
      'E-mail': 'own@exemple.fr',
      Téléphone: '06 12 34 56 78',
      Entreprise: 'Société own',
      Statut: 'Lead',
      Tags: "Salon, @cmd",
      'Commercial assigné': 'sales Test',
    });
    expect(own['Créé le']).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(rows.find((r) => r.Prénom === 'colleague')!.Téléphone).toBe("'+44 20 7946 0958");
  });

  it('contacts XLSX: typed cells, nothing a spreadsheet would run', async () => {
    const res = await download(admin, '/api/crm/exports/contacts?format=xlsx');
    const rows = await xlsxRows(res.bytes);
    const own = rows.find((r) => r.Prénom === 'own')!;
    expect(own.Nom).toBe('\'=HYPERLINK("http://evil.example","clic")');
    expect(own['Score qualité']).toEqual(expect.any(Number));
    expect(own['Créé le']).toBeInstanceOf(Date);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(res.bytes).buffer);
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('applies the list filters, and audits the export with its row count', async () => {
    const res = await download(admin, '/api/crm/exports/contacts?format=csv&status=client&q=colleague');
    expect(csvRows(res.bytes).map((r) => r.Prénom)).toEqual(['colleague']);
    // The entry is written once the last row is sent (its count is known then): after the download.
    await expect
      .poll(async () => (await AuditLog.findOne({ action: 'contact.export' }).sort({ at: -1 }).lean())?.details)
      .toEqual({ format: 'csv', rows: 1, filters: { status: 'client', q: 'colleague' } });
    const deals = await download(admin, '/api/crm/exports/deals?format=csv&owner=' + app.members.colleague.id);
    expect(csvRows(deals.bytes).map((r) => [r.Titre, r['Montant (€)'], r.Étape, r['Clôture prévue']])).toEqual([
      ['Deal colleague', '1234,5', 'Découverte', '30/06/2026'],
    ]);
    await expect.poll(() => AuditLog.countDocuments({ action: 'deal.export' })).toBeGreaterThan(0);
  });

  it('refuses an unknown format or filter (422)', async () => {
    expect((await download(admin, '/api/crm/exports/contacts?format=pdf')).status).toBe(422);
    expect((await download(admin, '/api/crm/exports/contacts')).status).toBe(422);
    expect((await download(admin, '/api/crm/exports/contacts?format=csv&status[$ne]=x')).status).toBe(422);
    expect((await download(admin, '/api/crm/exports/contacts?format=csv&assignedTo=nobody')).status).toBe(422);
  });
});
