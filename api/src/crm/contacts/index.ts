/** The public surface of crm/contacts: what other folders may import from it (the lint rule enforces it). */
export { BulkUndo } from './contact-bulk.js';
export { changeEvents, ContactEvent } from './contact-events.js';
export { contactToolsRouter } from './contact-tools.routes.js';
export { Contact, type ContactAttrs, type ContactDoc, foldText, searchTextOf } from './contact.model.js';
export { contactFilterConditions } from './contact.query.js';
export { contactsRouter, ensureAssignableMember } from './contacts.routes.js';
export { fetchPappersCompany, type PappersEntreprise, PappersError, toRegistryCompany } from './pappers.js';
export {
  computeQuality,
  defineQualityJobs,
  qualityFields,
  qualityScore,
  recomputeQuality,
  refreshExpiredQuality,
} from './quality.js';
export { SavedFilter } from './saved-filter.model.js';
export { savedFiltersRouter } from './saved-filters.routes.js';
