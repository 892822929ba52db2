import type { CompanyKey, Role } from '../contracts/index.js';

export const DEMO_PASSWORD = 'demo1234';

export interface DemoMember {
  key: string;
  firstName: string;
  lastName: string;
  role: Role;
  company: CompanyKey;
  team: string;
  /** key of the manager */
  manager?: string;
  startDate: string;
  /** The account used by the one-click login of its role. */
  demoLogin?: boolean;
}

const DOMAIN: Record<CompanyKey, string> = { digiflow: 'digiflow-agency.fr', behype: 'be-hype.com' };

export const DEMO_MEMBERS: DemoMember[] = [
  { key: 'camille', firstName: 'Camille', lastName: 'Laurent', role: 'admin', company: 'digiflow', team: 'Direction', startDate: '2019-03-01', demoLogin: true },
  { key: 'thomas', firstName: 'Thomas', lastName: 'Girard', role: 'admin', company: 'behype', team: 'Direction', startDate: '2020-09-14' },
  { key: 'julien', firstName: 'Julien', lastName: 'Moreau', role: 'sales', company: 'digiflow', team: 'Vente Île-de-France', manager: 'camille', startDate: '2020-01-06' },
  { key: 'sarah', firstName: 'Sarah', lastName: 'Benali', role: 'sales', company: 'digiflow', team: 'Vente Île-de-France', manager: 'julien', startDate: '2022-04-11', demoLogin: true },
  { key: 'nicolas', firstName: 'Nicolas', lastName: 'Faure', role: 'sales', company: 'behype', team: 'Vente Auvergne-Rhône-Alpes', manager: 'thomas', startDate: '2021-02-01' },
  { key: 'lea', firstName: 'Léa', lastName: 'Rousseau', role: 'sales', company: 'behype', team: 'Vente Auvergne-Rhône-Alpes', manager: 'nicolas', startDate: '2023-09-04' },
  { key: 'ines', firstName: 'Inès', lastName: 'Fontaine', role: 'marketing', company: 'digiflow', team: 'Marketing', manager: 'camille', startDate: '2021-06-21', demoLogin: true },
  { key: 'hugo', firstName: 'Hugo', lastName: 'Petit', role: 'marketing', company: 'behype', team: 'Marketing', manager: 'ines', startDate: '2024-01-15' },
  { key: 'manon', firstName: 'Manon', lastName: 'Dubois', role: 'account_manager', company: 'digiflow', team: 'Account Management', manager: 'camille', startDate: '2021-11-02', demoLogin: true },
  { key: 'lucas', firstName: 'Lucas', lastName: 'Bernard', role: 'account_manager', company: 'behype', team: 'Account Management', manager: 'manon', startDate: '2023-03-20' },
];

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-');

export function demoEmail(m: Pick<DemoMember, 'firstName' | 'lastName' | 'company'>): string {
  return `${slug(m.firstName)}.${slug(m.lastName)}@${DOMAIN[m.company]}`;
}

/** E-mail of the one-click demo account of each role. */
export const DEMO_LOGIN_EMAILS: Record<Role, string> = Object.fromEntries(
  DEMO_MEMBERS.filter((m) => m.demoLogin).map((m) => [m.role, demoEmail(m)]),
) as Record<Role, string>;
