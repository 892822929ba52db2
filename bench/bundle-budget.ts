/**
 * Byte budget of the built front ends (issue 7), from the build output only: bytes are deterministic,
 * so this is not a timing test. For each part it sums the JavaScript that a first load needs, gzip
 * level 9 and Brotli (the bytes on the wire), and fails naming the part over its budget:
 * - `shell`: the scripts `shell/dist/index.html` loads (not yet its async bootstrap nor the shared
 *   singletons the federation runtime fetches after it: `bench:first-load` counts those);
 * - each remote: `remoteEntry.js` plus the synchronous chunks of its `./spa` exposure
 *   (`mf-manifest.json`). Shared singletons come from the shell and are not counted again.
 *
 *   npx tsx bench/bundle-budget.ts       (needs a build: npx turbo run build --concurrency=1)
 *
 * Not part of `npm test` yet: the current build is over the target (see README, Benchmarks).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1000;
/** Compressed (Brotli) budgets in bytes. The target of issue 7 is 300 KB for a whole first load. */
const BUDGETS: Record<string, number> = {
  shell: Number(process.env.BUDGET_SHELL ?? 200 * KB),
  remote: Number(process.env.BUDGET_REMOTE ?? 60 * KB),
};
const REMOTES = ['mfe-crm', 'mfe-sales', 'mfe-marketing', 'mfe-service', 'mfe-personal-space', 'mfe-admin'];

interface Part {
  part: string;
  files: string[];
}

function shellPart(): Part {
  const dist = path.join(ROOT, 'shell', 'dist');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) =>
    path.join(dist, m[1]!.replace(/^\//, '')),
  );
  return { part: 'shell', files };
}

interface Manifest {
  metaData: { remoteEntry: { name: string; path: string } };
  exposes: { name: string; path: string; assets: { js: { sync: string[] } } }[];
}

function remotePart(name: string): Part {
  const dist = path.join(ROOT, name, 'dist');
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'mf-manifest.json'), 'utf8')) as Manifest;
  const entry = manifest.metaData.remoteEntry;
  const spa = manifest.exposes.find((e) => e.path === './spa' || e.name === 'spa');
  const files = [
    path.join(dist, entry.path, entry.name),
    ...(spa?.assets.js.sync ?? []).map((f) => path.join(dist, f)),
  ];
  return { part: name, files: [...new Set(files)] };
}

const sizes = (file: string) => {
  const buf = fs.readFileSync(file);
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

const built = (dir: string) => fs.existsSync(path.join(ROOT, dir, 'dist'));
if (!built('shell')) console.warn('shell/dist is missing: build first (the shell is not counted)');
const parts = [...(built('shell') ? [shellPart()] : []), ...REMOTES.filter(built).map(remotePart)];
const fmt = (n: number) => `${(n / KB).toFixed(1)} KB`;
const failures: string[] = [];
console.log(['part', 'files', 'raw', 'gzip', 'brotli', 'budget'].map((h) => h.padEnd(20)).join(''));
for (const p of parts) {
  const t = p.files
    .map(sizes)
    .reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), {
      raw: 0,
      gzip: 0,
      brotli: 0,
    });
  const budget = p.part === 'shell' ? BUDGETS.shell! : BUDGETS.remote!;
  console.log(
    [p.part, String(p.files.length), fmt(t.raw), fmt(t.gzip), fmt(t.brotli), fmt(budget)]
      .map((c) => c.padEnd(20))
      .join(''),
  );
  if (t.brotli > budget) failures.push(`${p.part}: ${fmt(t.brotli)} Brotli over its budget of ${fmt(budget)}`);
}
if (failures.length) {
  console.error(`\nOver budget:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
