/**
 * Enrichment of a contact from the company registry (Pappers), by the SIREN of its SIRET: legal name
 * and address fill the contact's empty fields (never overwriting what a person typed); registry-only
 * data — NAF code and activity, headcount, revenue, legal form, dirigeants and the gérant — are
 * replaced by the registry's. The contact's company, when it has one, gets the registry data it lacks.
 * In demo mode the record comes from the demo data set (no network), marked "démo".
 */
import type { Request } from 'express';
import type { Config } from '../../config.js';
import { audit } from '../../audit/audit.js';
import { connectorSecret } from '../../connectors/store.js';
import { LEGAL_FORMS, isValidSiret, type EnrichmentField, type LegalForm } from '../../contracts/index.js';
import { demoPappersCompany } from '../../demo/pappers-demo.js';
import { HttpError } from '../../http/errors.js';
import { Company, linkWrittenContact } from '../companies/index.js';
import { recordContactEvents } from './contact-events.js';
import { searchTextOf, type ContactDoc } from './contact.model.js';
import { fetchPappersCompany, PappersError, toRegistryCompany, type RegistryCompany } from './pappers.js';
import { qualityFields, qualityOf } from './quality.js';

/** Pappers' failures as answers of our API: never 401 (that would sign the person out). */
const STATUS_OF: Record<PappersError['kind'], number> = {
  not_found: 422,
  invalid: 422,
  unauthorized: 502,
  quota: 429,
  timeout: 504,
  unavailable: 502,
};

async function registryRecord(siren: string, config: Config): Promise<{ company: RegistryCompany; demo: boolean }> {
  if (config.DEMO_MODE) return { company: toRegistryCompany(demoPappersCompany(siren)), demo: true };
  const apiKey = await connectorSecret('pappers', 'apiKey');
  if (!apiKey)
    throw new HttpError(
      409,
      "Pappers n'est pas configuré : un administrateur doit renseigner la clé API (Administration → Intégrations).",
    );
  try {
    const record = await fetchPappersCompany(siren, {
      baseUrl: config.PAPPERS_BASE_URL,
      apiKey,
      timeoutMs: config.PAPPERS_TIMEOUT_MS,
    });
    return { company: toRegistryCompany(record), demo: false };
  } catch (err) {
    if (err instanceof PappersError) {
      throw new HttpError(
        STATUS_OF[err.kind],
        err.message,
        err.kind === 'not_found' || err.kind === 'invalid' ? [{ path: 'siret', message: err.message }] : undefined,
      );
    }
    throw err;
  }
}

/** Pappers' "SAS, société par actions simplifiée" → the companies screen's "SAS". */
export function legalFormKey(label: string | undefined): LegalForm | undefined {
  if (!label) return undefined;
  const l = label.toLowerCase();
  const first = l.split(/[,(]/)[0]!.trim().toUpperCase();
  if ((LEGAL_FORMS as readonly string[]).includes(first)) return first as LegalForm;
  if (/unipersonnelle/.test(l) && /actions simplifi/.test(l)) return 'SASU';
  if (/actions simplifi/.test(l)) return 'SAS';
  if (/unipersonnelle/.test(l) && /responsabilit/.test(l)) return 'EURL';
  if (/responsabilit[ée] limit/.test(l)) return 'SARL';
  if (/soci[ée]t[ée] anonyme|^sa\b/.test(l)) return 'SA';
  if (/civile immobili/.test(l)) return 'SCI';
  if (/entrepreneur individuel|entreprise individuelle/.test(l)) return 'EI';
  if (/association/.test(l)) return 'Association';
  return 'Autre';
}

/** Fills the contact from the record; returns the fields set. */
function apply(c: ContactDoc, r: RegistryCompany): EnrichmentField[] {
  const fields: EnrichmentField[] = [];
  const set = (field: EnrichmentField, value: unknown) => {
    const current = c.get(field) as unknown;
    if (JSON.stringify(current ?? null) === JSON.stringify(value ?? null)) return;
    c.set(field, value);
    fields.push(field);
  };
  const empty = (v: unknown) => v === undefined || v === null || v === '';
  if (r.name && empty(c.companyName)) set('companyName', r.name);
  if ((r.address || r.postalCode || r.city) && empty(c.address) && empty(c.postalCode) && empty(c.city)) {
    if (r.address) set('address', r.address);
    if (r.postalCode) set('postalCode', r.postalCode);
    if (r.city) set('city', r.city);
  }
  set('nafCode', r.nafCode);
  set('nafLabel', r.nafLabel);
  set('headcount', r.headcount);
  set('revenue', r.revenue);
  c.set('revenueYear', r.revenueYear);
  set('legalForm', r.legalForm);
  set('directors', r.directors);
  if (r.manager) set('manager', r.manager);
  return fields;
}

/** The contact's company gets the registry data it lacks (an admin's entries are kept). */
async function completeCompany(c: ContactDoc, r: RegistryCompany): Promise<void> {
  if (!c.companyId) return;
  const company = await Company.findById(c.companyId, {
    nafCode: 1,
    industry: 1,
    headcount: 1,
    revenue: 1,
    legalForm: 1,
  }).lean();
  if (!company) return;
  const set: Record<string, unknown> = {};
  if (!company.nafCode && r.nafCode && /^\d{2}\.\d{2}[A-Z]$/.test(r.nafCode)) set.nafCode = r.nafCode;
  if (!company.industry && r.nafLabel) set.industry = r.nafLabel;
  if (company.headcount == null && r.headcountMin !== undefined) set.headcount = r.headcountMin;
  if (company.revenue == null && r.revenue !== undefined) set.revenue = Math.round(r.revenue);
  const form = legalFormKey(r.legalForm);
  if (!company.legalForm && form) set.legalForm = form;
  if (Object.keys(set).length) await Company.updateOne({ _id: company._id }, { $set: set });
}

export async function enrichContact(
  req: Request,
  c: ContactDoc,
  config: Config,
): Promise<{ fields: EnrichmentField[]; demo: boolean }> {
  if (!c.siret || !isValidSiret(c.siret))
    throw new HttpError(422, 'Renseignez un SIRET valide pour enrichir ce contact.', [
      { path: 'siret', message: 'SIRET manquant ou invalide.' },
    ]);
  const siren = c.siret.slice(0, 9);
  const { company, demo } = await registryRecord(siren, config);
  const before = { companyName: c.companyName, postalCode: c.postalCode, city: c.city, address: c.address };
  const fields = apply(c, company);
  const now = new Date();
  c.set('enrichment', { source: 'pappers', at: now, fields, demo });
  c.set(qualityFields(await qualityOf(c, now)));
  c.set('searchText', searchTextOf(c.toObject() as Record<string, unknown>));
  await c.save();
  const moved = (['companyName', 'postalCode', 'city', 'address'] as const).some((k) => before[k] !== c[k]);
  if (moved) await linkWrittenContact(req, c);
  await completeCompany(c, company);
  await recordContactEvents(req, [{ contactId: c._id, type: 'enrichment', to: demo ? 'demo' : 'pappers' }], now);
  await audit(req, 'contact.enrich', {
    subject: 'Contact',
    subjectId: String(c._id),
    details: { siren, fields, demo },
  });
  return { fields, demo };
}
