// Entry of `npm start`, `npm test` and `npm run seed` on a fresh clone: installs the workspace's
// dependencies when they are missing or stale, then runs the TypeScript script of the command.
// Plain JavaScript on purpose: it must run before anything (tsx included) is installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2];
const scripts = { start: 'start.ts', test: 'test.ts', seed: 'seed.ts' };
if (!scripts[command]) {
  console.error(`usage: bootstrap.mjs ${Object.keys(scripts).join('|')}`);
  process.exit(2);
}

const lock = path.join(root, 'package-lock.json');
const marker = path.join(root, 'node_modules', '.package-lock.json');
const stale = !fs.existsSync(marker) || fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs;
if (stale) {
  console.log('Installing dependencies (npm ci)…');
  const res = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', scripts[command]), ...process.argv.slice(3)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(res.status ?? 1);
