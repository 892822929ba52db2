/**
 * Enrichment from Pappers: the real client against a local server that speaks Pappers' documented
 * contract (`GET /v2/entreprise?siren=…&api_token=…`: 200 with the company, 401 for a wrong key or no
 * credits left, 404 for an unknown SIREN, 429 when throttled), the API key kept by the admin
 * integrations routes (never sent back), and the enrichment route with its French errors.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit.js';
import { Integration } from '../../src/admin/integrations.js';
import { Contact, fetchPappersCompany, PappersError, toRegistryCompany } from '../../src/crm/contacts/index.js';
import { demoPappersCompany } from '../../src/demo/pappers-demo.js';
import { makeContact } from '../factories.js';
import { startTestApp, type TestApp } from './harness.js';

const KEY = 'pappers-test-key-4321';
const SIREN = '732829320';
const SIRET = '73282932000074';
const UNKNOWN_SIREN = '552100554';
const UNKNOWN_SIRET = '55210055400013';
const THROTTLED_SIREN = '443061841';
const THROTTLED_SIRET = '44306184100047';
const SLOW_SIREN = '542051180';
const SLOW_SIRET = '54205118000066';

/** Pappers' answer for SIREN 732829320, in the shape of its documentation. */
const COMPANY = {
  siren: SIREN,
  nom_entreprise: 'BOULANGERIE MARTIN',
  denomination: 'BOULANGERIE MARTIN',
  code_naf: '10.71C',
  libelle_code_naf: 'Boulangerie et boulangerie-pâtisserie',
  forme_juridique: 'SARL, société à responsabilité limitée',
  effectif: 'Entre 10 et 19 salariés',
  effectif_min: 10,
  effectif_max: 19,
  tranche_effectif: '11',
  siege: { siret: SIRET, adresse_ligne_1: '12 RUE DE LA RÉPUBLIQUE', code_postal: '69002', ville: 'LYON' },
  finances: [
    { annee: 2023, date_de_cloture_exercice: '2023-12-31', chiffre_affaires: 812000, resultat: 41000, effectif: 12 },
    { annee: 2024, date_de_cloture_exercice: '2024-12-31', chiffre_affaires: 905000, resultat: 52000, effectif: 14 },
  ],
  representants: [
    { qualite: 'Associé', nom_complet: 'Paul MARTIN', personne_morale: false, actuel: true },
    {
      qualite: 'Gérant',
      nom: 'MARTIN',
      prenom: 'Jeanne',
      nom_complet: 'Jeanne MARTIN',
      personne_morale: false,
      actuel: true,
    },
    { qualite: 'Gérant', nom_complet: 'Ancien GÉRANT', personne_morale: false, actuel: false },
  ],
};

let pappers: http.Server;
let pappersUrl: string;
let keyState: 'ok' | 'no_credits' = 'ok';
const calls: URLSearchParams[] = [];

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  pappers = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    calls.push(url.searchParams);
    if (req.method !== 'GET' || url.pathname !== '/v2/entreprise')
      return send(res, 404, { statusCode: 404, error: 'Not Found', message: 'Route inconnue' });
    const token = url.searchParams.get('api_token');
    const siren = url.searchParams.get('siren');
    if (token !== KEY)
      return send(res, 401, { statusCode: 401, error: 'Unauthorized', message: "Clé d'API incorrecte" });
    if (keyState === 'no_credits')
      return send(res, 401, {
        statusCode: 401,
        error: 'Unauthorized',
        message: "Vous n'avez plus assez de crédits pour effectuer cette requête",
      });
    if (!siren || !/^\d{9}$/.test(siren))
      return send(res, 400, { statusCode: 400, error: 'Bad Request', message: 'Paramètres incorrects' });
    if (siren === THROTTLED_SIREN)
      return send(res, 429, { statusCode: 429, error: 'Too Many Requests', message: 'Trop de requêtes' });
    if (siren === SLOW_SIREN) return void setTimeout(() => send(res, 200, { ...COMPANY, siren }), 1500);
    if (siren !== SIREN)
      return send(res, 404, { statusCode: 404, error: 'Not Found', message: 'Entreprise non trouvée' });
    send(res, 200, COMPANY);
  });
  await new Promise<void>((r) => pappers.listen(0, '127.0.0.1', () => r()));
  pappersUrl = `http://127.0.0.1:${(pappers.address() as AddressInfo).port}/v2`;
});
afterAll(async () => {
  pappers.closeAllConnections();
  await new Promise<void>((r) => pappers.close(() => r()));
});
beforeEach(() => {
  keyState = 'ok';
  calls.length = 0;
});

const client = (apiKey = KEY, timeoutMs = 500) => ({ baseUrl: pappersUrl, apiKey, timeoutMs });
async function failure(p: Promise<unknown>): Promise<PappersError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PappersError) return err;
    throw err;
  }
  throw new Error('expected a PappersError');
}

describe('Pappers client (local server speaking the v2 contract)', () => {
  it('asks /entreprise with the SIREN and api_token, and maps the record', async () => {
    const record = await fetchPappersCompany(SIREN, client());
    expect(calls[0]!.get('siren')).toBe(SIREN);
    expect(calls[0]!.get('api_token')).toBe(KEY);
    expect(toRegistryCompany(record)).toEqual({
      name: 'BOULANGERIE MARTIN',
      address: '12 RUE DE LA RÉPUBLIQUE',
      postalCode: '69002',
      city: 'LYON',
      nafCode: '10.71C',
      nafLabel: 'Boulangerie et boulangerie-pâtisserie',
      headcount: 'Entre 10 et 19 salariés',
      headcountMin: 10,
      revenue: 905000,
      revenueYear: 2024,
      legalForm: 'SARL, société à responsabilité limitée',
      directors: [
        { name: 'Paul MARTIN', role: 'Associé' },
        { name: 'Jeanne MARTIN', role: 'Gérant' },
      ],
      manager: 'Jeanne MARTIN',
    });
  });

  it('turns 404, 401, exhausted credits, 429, 400 and a timeout into French errors', async () => {
    const notFound = await failure(fetchPappersCompany(UNKNOWN_SIREN, client()));
    expect([notFound.kind, notFound.upstreamStatus]).toEqual(['not_found', 404]);
    expect(notFound.message).toBe(`Aucune entreprise n'est connue de Pappers sous le SIREN ${UNKNOWN_SIREN}.`);

    const badKey = await failure(fetchPappersCompany(SIREN, client('wrong-key-0000')));
    expect(badKey.kind).toBe('unauthorized');
    expect(badKey.message).toContain('clé API Pappers est refusée');

    keyState = 'no_credits';
    const noCredits = await failure(fetchPappersCompany(SIREN, client()));
    expect(noCredits.kind).toBe('quota');
    keyState = 'ok';

    const throttled = await failure(fetchPappersCompany(THROTTLED_SIREN, client()));
    expect([throttled.kind, throttled.upstreamStatus]).toEqual(['quota', 429]);
    expect(throttled.message).toContain('Quota de requêtes Pappers atteint');

    const badParam = await failure(fetchPappersCompany('12', client()));
    expect(badParam.kind).toBe('invalid');

    const slow = await failure(fetchPappersCompany(SLOW_SIREN, client(KEY, 200)));
    expect(slow.kind).toBe('timeout');
    expect(slow.message).toContain("n'a pas répondu à temps");

    const down = await failure(
      fetchPappersCompany(SIREN, { baseUrl: 'http://127.0.0.1:9/v2', apiKey: KEY, timeoutMs: 500 }),
    );
    expect(down.kind).toBe('unavailable');
  });

  it('gives the same demo record for the same SIREN, in Pappers’ shape', () => {
    const a = demoPappersCompany(SIREN);
    expect(demoPappersCompany(SIREN)).toEqual(a);
    expect(demoPappersCompany(UNKNOWN_SIREN).nom_entreprise).not.toBe(a.nom_entreprise);
    const mapped = toRegistryCompany(a);
    expect(mapped.nafCode).toMatch(/^\d{2}\.\d{2}[A-Z]$/);
    expect(mapped.manager).toBeTruthy();
    expect(mapped.revenue).toBeGreaterThan(0);
  });
});

describe('enrichment route and the Pappers key', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ PAPPERS_BASE_URL: pappersUrl, PAPPERS_TIMEOUT_MS: '300' });
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(async () => {
    await Promise.all([Contact.deleteMany({}), Integration.deleteMany({})]);
  });

  const contact = async (siret: string, fields: Record<string, unknown> = {}) =>
    String(
      (
        await makeContact({
          firstName: 'Jeanne',
          lastName: 'Martin',
          status: 'lead',
          siret,
          assignedTo: app.members.sales.id,
          ...fields,
        })
      )._id,
    );

  it('the key is set by admins only and never sent back in clear', async () => {
    const sales = await app.as('sales');
    expect((await sales.request('PUT', '/api/admin/integrations/pappers', { apiKey: KEY })).status).toBe(403);
    expect((await sales.get('/api/admin/integrations')).status).toBe(403);
    const admin = await app.as('admin');
    const empty = await admin.get('/api/admin/integrations');
    expect(empty.body.find((i: { key: string }) => i.key === 'pappers')).toEqual(
      expect.objectContaining({ key: 'pappers', configured: false, last4: null, status: 'not_connected' }),
    );
    expect((await admin.request('PUT', '/api/admin/integrations/pappers', { apiKey: 'a b' })).status).toBe(422);
    expect((await admin.request('PUT', '/api/admin/integrations/inconnue', { apiKey: KEY })).status).toBe(404);
    const set = await admin.request('PUT', '/api/admin/integrations/pappers', { apiKey: KEY });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ key: 'pappers', configured: true, last4: '4321', updatedBy: 'admin Test' });
    const listed = await admin.get('/api/admin/integrations');
    expect(listed.text).not.toContain(KEY);
    expect(listed.body.find((i: { key: string }) => i.key === 'pappers')).toMatchObject({
      configured: true,
      last4: '4321',
    });
    const audit = await AuditLog.findOne({ action: 'integration.update' }).lean();
    expect(JSON.stringify(audit)).not.toContain(KEY);
    const removed = await admin.delete('/api/admin/integrations/pappers');
    expect(removed.body.configured).toBe(false);
  });

  it('enriches a contact from Pappers: fills empty fields, replaces registry data, keeps what was typed', async () => {
    const id = await contact(SIRET, {
      companyName: 'Boulangerie Martin & Fils',
      manager: 'Inconnu',
      email: 'j@martin.fr',
    });
    const sales = await app.as('sales');
    const unconfigured = await sales.post(`/api/crm/contacts/${id}/enrich`, {});
    expect(unconfigured.status).toBe(409);
    expect(unconfigured.body.detail).toContain("Pappers n'est pas configuré");

    const admin = await app.as('admin');
    await admin.request('PUT', '/api/admin/integrations/pappers', { apiKey: KEY });
    const res = await sales.post(`/api/crm/contacts/${id}/enrich`, {});
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('pappers');
    const c = res.body.contact;
    expect(c).toMatchObject({
      companyName: 'Boulangerie Martin & Fils',
      address: '12 RUE DE LA RÉPUBLIQUE',
      postalCode: '69002',
      city: 'LYON',
      nafCode: '10.71C',
      nafLabel: 'Boulangerie et boulangerie-pâtisserie',
      headcount: 'Entre 10 et 19 salariés',
      revenue: 905000,
      revenueYear: 2024,
      legalForm: 'SARL, société à responsabilité limitée',
      manager: 'Jeanne MARTIN',
      enrichment: { source: 'pappers', demo: false },
    });
    expect(c.directors).toHaveLength(2);
    expect(res.body.fields).toEqual(
      expect.arrayContaining([
        'address',
        'postalCode',
        'city',
        'nafCode',
        'headcount',
        'revenue',
        'legalForm',
        'directors',
        'manager',
      ]),
    );
    expect(res.body.fields).not.toContain('companyName');
    expect(c.qualityBreakdown.find((i: { key: string }) => i.key === 'enrichment').points).toBe(20);
    expect(await AuditLog.countDocuments({ action: 'contact.enrich', subjectId: id })).toBe(1);
  });

  it('answers French errors for an unknown SIREN, a refused key, the quota and a timeout', async () => {
    const admin = await app.as('admin');
    await admin.request('PUT', '/api/admin/integrations/pappers', { apiKey: KEY });
    const sales = await app.as('sales');
    const cases: [string, number, string][] = [
      [UNKNOWN_SIRET, 422, `Aucune entreprise n'est connue de Pappers sous le SIREN ${UNKNOWN_SIREN}.`],
      [THROTTLED_SIRET, 429, 'Quota de requêtes Pappers atteint'],
      [SLOW_SIRET, 504, "Pappers n'a pas répondu à temps"],
    ];
    for (const [siret, status, detail] of cases) {
      const res = await sales.post(`/api/crm/contacts/${await contact(siret)}/enrich`, {});
      expect(res.status, siret).toBe(status);
      expect(res.body.detail).toContain(detail);
    }
    await admin.request('PUT', '/api/admin/integrations/pappers', { apiKey: 'another-wrong-key' });
    const refused = await sales.post(`/api/crm/contacts/${await contact(SIRET)}/enrich`, {});
    expect(refused.status).toBe(502);
    expect(refused.body.detail).toContain('clé API Pappers est refusée');
    const noSiret = await sales.post(
      `/api/crm/contacts/${String((await makeContact({ firstName: 'A', lastName: 'B', status: 'lead', assignedTo: app.members.sales.id }))._id)}/enrich`,
      {},
    );
    expect(noSiret.status).toBe(422);
    expect(noSiret.body.detail).toBe('Renseignez un SIRET valide pour enrichir ce contact.');
  });
});
