import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS_DIR = path.join(ROOT, '.tools');
export const DATA_DIR = path.join(ROOT, 'data');
export const RUNTIME_FILE = path.join(DATA_DIR, 'runtime.json');
