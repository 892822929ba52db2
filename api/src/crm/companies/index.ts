/** The public surface of crm/companies: what other folders may import from it (the lint rule enforces it). */
export { companiesRouter } from './companies.routes.js';
export { companyFilterConditions, visibleCounts, type VisibleCounts } from './company.query.js';
export { CompanyLookup } from './company-lookup.js';
export { PendingJoins, refreshCompanies } from './company-refresh.js';
export { linkNewContacts, syncCompanies } from './company-sync.js';
export type { CompanyLink, ContactRow } from './contact-row.js';
export { type JoinPolicy, joinPolicyOf } from './company-join-policy.js';
export { decideCompanyLink, linkWrittenContact, notifyPendingImportLinks } from './company-links.js';
export { Company, type CompanyAttrs, companySearchText } from './company.model.js';
export { foldPlace, locate } from './geo.js';
