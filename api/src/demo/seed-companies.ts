/**
 * Demo companies: a few demo contacts become colleagues at the company of another contact (so that
 * companies have several contacts, some shared between reps), then `syncCompanies` makes the
 * companies from the contacts, and most companies get an industry (NAF), headcount, revenue and legal
 * form: the demo registry's for those with a SIREN, invented for the others. Deterministic.
 */
import { fakerFR as faker } from '@faker-js/faker';
import codesNaf from '@socialgouv/codes-naf';
import { LEGAL_FORMS, type LegalForm } from '../contracts/index.js';
import { Contact, searchTextOf, toRegistryCompany } from '../crm/contacts/index.js';
import { Company, companySearchText, syncCompanies } from '../crm/companies/index.js';
import { bulkWriteInChunks } from '../db/bulk.js';
import { demoPappersCompany } from './pappers-demo.js';

/** Typical clients of a web agency: NAF sub-classes, with a headcount range. */
const INDUSTRIES: { naf: string; headcount: [number, number] }[] = [
  { naf: '70.22Z', headcount: [1, 40] },
  { naf: '68.31Z', headcount: [2, 30] },
  { naf: '56.10A', headcount: [3, 45] },
  { naf: '43.99C', headcount: [5, 120] },
  { naf: '86.21Z', headcount: [1, 12] },
  { naf: '47.71Z', headcount: [2, 60] },
  { naf: '25.62B', headcount: [10, 250] },
  { naf: '55.10Z', headcount: [5, 90] },
  { naf: '49.41A', headcount: [8, 300] },
  { naf: '85.59A', headcount: [2, 50] },
  { naf: '62.01Z', headcount: [3, 150] },
  { naf: '96.02A', headcount: [1, 15] },
];
const FORMS: LegalForm[] = ['SAS', 'SAS', 'SAS', 'SARL', 'SARL', 'SASU', 'EURL', 'SA', 'SCI', 'Association'];

/**
 * A company with a SIREN gets the demo registry's record of that SIREN (the one a contact's Pappers
 * enrichment shows in demo mode), so that the company and its contacts tell the same story.
 */
function fromRegistry(siren: string) {
  const r = toRegistryCompany(demoPappersCompany(siren));
  const form = LEGAL_FORMS.find((f) => r.legalForm?.startsWith(`${f},`) || r.legalForm?.startsWith(`${f} `));
  return {
    nafCode: r.nafCode,
    industry: r.nafLabel,
    headcount: r.headcountMin ?? faker.number.int({ min: 1, max: 20 }),
    revenue: r.revenue,
    legalForm: form ?? 'Autre',
  };
}

function invented(labels: Map<string, string>) {
  const industry = faker.helpers.arrayElement(INDUSTRIES);
  const headcount = faker.number.int({ min: industry.headcount[0], max: industry.headcount[1] });
  return {
    nafCode: industry.naf,
    industry: labels.get(industry.naf) ?? industry.naf,
    headcount,
    revenue: Math.round((headcount * faker.number.int({ min: 60, max: 180 })) / 5) * 5_000,
    legalForm: faker.helpers.arrayElement(FORMS),
  };
}

export async function seedCompanies(seed = 2026_05): Promise<number> {
  faker.seed(seed);
  await Company.deleteMany({});
  await Company.syncIndexes();

  // One contact in eight joins the company of another contact.
  const contacts = await Contact.find(
    { deletedAt: null },
    { companyName: 1, siret: 1, address: 1, postalCode: 1, city: 1, firstName: 1, lastName: 1, email: 1 },
  )
    .sort({ _id: 1 })
    .lean();
  const ops = [];
  for (let i = 8; i < contacts.length; i += 8) {
    const c = contacts[i]!;
    const colleague = contacts[faker.number.int({ min: 0, max: i - 1 })]!;
    const company = {
      companyName: colleague.companyName,
      siret: colleague.siret,
      address: colleague.address,
      postalCode: colleague.postalCode,
      city: colleague.city,
    };
    ops.push({
      updateOne: {
        filter: { _id: c._id },
        update: { $set: { ...company, searchText: searchTextOf({ ...c, ...company }) } },
      },
    });
  }
  await bulkWriteInChunks(Contact as never, ops);

  await syncCompanies({});

  const labels = new Map(codesNaf.map((n) => [n.id, n.label]));
  const companies = await Company.find({}, { name: 1, siren: 1, city: 1 }).sort({ _id: 1 }).lean();
  // One company in ten is left for an admin to complete.
  const enriched = companies.filter(() => faker.datatype.boolean(0.9));
  await bulkWriteInChunks(
    Company as never,
    enriched.map((c) => {
      const set = c.siren ? fromRegistry(c.siren) : invented(labels);
      return {
        updateOne: {
          filter: { _id: c._id },
          update: { $set: { ...set, searchText: companySearchText({ ...c, ...set }) } },
        },
      };
    }),
  );
  return companies.length;
}
