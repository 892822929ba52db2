export * from './api.js';
export * from './format.js';
export * from './data.js';
export * from './list.js';
export * from './session.js';
export * from './providers.js';
export * from './theme.js';
export * from './remote.js';
