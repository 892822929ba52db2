/** The public surface of crm/deals: what other folders may import from it (the lint rule enforces it). */
export { Deal, type DealAttrs, dealSearchText } from './deal.model.js';
export { dealListConditions, dealListSort } from './deal.query.js';
export { dealsRouter } from './deals.routes.js';
