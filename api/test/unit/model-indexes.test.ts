/**
 * The indexes declared on every mongoose model, as one list: a list, board or dashboard query that
 * needs a new index changes this list, so that the index (or its absence) is seen in review. FerretDB
 * v1 scans whatever the indexes; MongoDB in production serves these queries from them.
 *
 * Every source file that defines a model (`mongoose.model(`) is loaded, so a new model shows up here.
 * After a deliberate change: `npx vitest run --project unit test/unit/model-indexes.test.ts -u`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src', import.meta.url));

function modelFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return modelFiles(file);
    return entry.name.endsWith('.ts') && /mongoose\.model\(/.test(fs.readFileSync(file, 'utf8')) ? [file] : [];
  });
}

const show = (value: Record<string, unknown>) =>
  Object.entries(value)
    .map(([key, v]) => `${key}: ${JSON.stringify(v)}`)
    .join(', ');

describe('indexes declared on the models', () => {
  it('lists every model with its collection and indexes (review a change of this list)', async () => {
    const files = modelFiles(src).sort();
    for (const file of files) await import(pathToFileURL(file).href);
    const lines = mongoose
      .modelNames()
      .sort()
      .flatMap((name) => {
        const model = mongoose.model(name);
        const indexes = model.schema
          .indexes()
          .map(([fields, options]) => {
            const extra = Object.fromEntries(
              Object.entries(options ?? {}).filter(([key]) => key !== 'background'),
            );
            return `  { ${show(fields)} }${Object.keys(extra).length ? ` ${show(extra)}` : ''}`;
          })
          .sort();
        return [`${name} (${model.collection.collectionName})`, ...indexes];
      });
    expect(files.length).toBeGreaterThan(10);
    expect(lines.join('\n')).toMatchSnapshot();
  }, 60_000);
});
