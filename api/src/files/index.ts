/** The shared file store: `storeFile(buffer | stream, meta)` for the server, /api/files for people. */
export { filesRouter } from './files.routes.js';
export { contentDisposition, sanitizeFileName } from './names.js';
export { ensureOwnerAccess, type FileOwner } from './owners.js';
export { sniffContentType } from './sniff.js';
export {
  deleteStoredFile,
  findStoredFile,
  listStoredFiles,
  openFileStream,
  storeFile,
  type StoreMeta,
} from './store.js';
