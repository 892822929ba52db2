/** What the e-mails of each issuing company look like: its name, site and colour. */
import { COMPANY_DOMAINS, COMPANY_LABELS, type CompanyKey } from '../contracts/index.js';

export interface Brand {
  name: string;
  site: string;
  color: string;
}

export const BRANDS: Record<CompanyKey, Brand> = {
  digiflow: { name: COMPANY_LABELS.digiflow, site: COMPANY_DOMAINS.digiflow, color: '#4f46e5' },
  behype: { name: COMPANY_LABELS.behype, site: COMPANY_DOMAINS.behype, color: '#e11d48' },
};
