/** The public surface of crm/companies: what other folders may import from it (the lint rule enforces it). */
export { companiesRouter, filterConditions, visibleCounts } from './companies.routes.js';
export {
  type CompanyLink,
  CompanyLookup,
  type ContactRow,
  linkNewContacts,
  PendingJoins,
  refreshCompanies,
  syncCompanies,
} from './companies.service.js';
export { type JoinPolicy, joinPolicyOf } from './company-join-policy.js';
export { decideCompanyLink, linkWrittenContact, notifyPendingImportLinks } from './company-links.js';
export { Company, type CompanyAttrs, companySearchText } from './company.model.js';
export { foldPlace, locate } from './geo.js';
