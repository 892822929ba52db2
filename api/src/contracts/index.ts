/** Contracts shared by the API and the front ends: types, zod schemas and permission rules only. */
export * from './roles.js';
export * from './permissions.js';
export * from './validators.js';
export * from './contacts.js';
export * from './contact-insights.js';
export * from './contact-views.js';
export * from './contact-bulk.js';
export * from './integrations.js';
export * from './deals.js';
export * from './companies.js';
export * from './departments.js';
export * from './users.js';
export * from './api.js';
export * from './admin.js';
export * from './activities.js';
export * from './notifications.js';
export * from './time.js';
