/**
 * Demo mode's stand-in for Pappers: a company record in Pappers' own shape, generated from the SIREN
 * alone (same SIREN, same record), with no network call. The CRM labels such data "démo".
 */
import { base, Faker, fr } from '@faker-js/faker';
import type { PappersEntreprise } from '../crm/contacts/index.js';
import { CITIES } from './cities.js';

/** Real NAF rev. 2 codes and labels of the agencies' usual clients. */
const NAF = [
  ['56.10A', 'Restauration traditionnelle'],
  ['47.71Z', "Commerce de détail d'habillement en magasin spécialisé"],
  ['68.31Z', 'Agences immobilières'],
  ['43.22A', "Travaux d'installation d'eau et de gaz en tous locaux"],
  ['86.23Z', 'Pratique dentaire'],
  ['70.22Z', 'Conseil pour les affaires et autres conseils de gestion'],
  ['62.01Z', 'Programmation informatique'],
  ['55.10Z', 'Hôtels et hébergement similaire'],
  ['96.02A', 'Coiffure'],
  ['85.59A', 'Formation continue d’adultes'],
  ['49.41A', 'Transports routiers de fret interurbains'],
  ['25.62B', 'Mécanique industrielle'],
] as const;

const FORMS = [
  'SAS, société par actions simplifiée',
  'SASU, société par actions simplifiée unipersonnelle',
  'SARL, société à responsabilité limitée',
  'EURL, entreprise unipersonnelle à responsabilité limitée',
  'SA à conseil d’administration',
] as const;

/** INSEE headcount ranges: [code, words, min, max]. */
const RANGES = [
  ['01', 'Entre 1 et 2 salariés', 1, 2],
  ['02', 'Entre 3 et 5 salariés', 3, 5],
  ['03', 'Entre 6 et 9 salariés', 6, 9],
  ['11', 'Entre 10 et 19 salariés', 10, 19],
  ['12', 'Entre 20 et 49 salariés', 20, 49],
  ['21', 'Entre 50 et 99 salariés', 50, 99],
] as const;

export function demoPappersCompany(siren: string): PappersEntreprise {
  const faker = new Faker({ locale: [fr, base] });
  faker.seed(Number(siren) || 1);
  const [nafCode, nafLabel] = faker.helpers.arrayElement(NAF);
  const form = faker.helpers.arrayElement(FORMS);
  const [tranche, effectif, min, max] = faker.helpers.arrayElement(RANGES);
  const place = faker.helpers.arrayElement(CITIES);
  const lastYear = new Date().getFullYear() - 1;
  const perHead = faker.number.int({ min: 60_000, max: 160_000 });
  const finances = [0, 1, 2].map((i) => ({
    annee: lastYear - i,
    chiffre_affaires: Math.round(((min + max) / 2) * perHead * (1 - i * faker.number.float({ min: 0.02, max: 0.12 }))),
    resultat: Math.round(((min + max) / 2) * perHead * faker.number.float({ min: -0.03, max: 0.12 })),
    effectif: faker.number.int({ min, max }),
  }));
  const single = form.startsWith('SASU') || form.startsWith('EURL');
  const person = () => {
    const prenom = faker.person.firstName();
    const nom = faker.person.lastName().toUpperCase();
    return { prenom, nom, nom_complet: `${prenom} ${nom}`, personne_morale: false, actuel: true };
  };
  const headRole =
    form.startsWith('SARL') || form.startsWith('EURL')
      ? 'Gérant'
      : form.startsWith('SA ')
        ? 'Président du conseil d’administration'
        : 'Président';
  const representants = [{ ...person(), qualite: headRole }];
  if (!single && faker.datatype.boolean(0.6)) representants.push({ ...person(), qualite: 'Directeur général' });
  const name = faker.company.name().toUpperCase();
  return {
    siren,
    nom_entreprise: name,
    denomination: name,
    code_naf: nafCode,
    libelle_code_naf: nafLabel,
    forme_juridique: form,
    effectif,
    effectif_min: min,
    effectif_max: max,
    tranche_effectif: tranche,
    siege: {
      adresse_ligne_1: faker.location.streetAddress().toUpperCase(),
      code_postal: place.postalCode,
      ville: place.city.toUpperCase(),
    },
    finances,
    representants,
  };
}
